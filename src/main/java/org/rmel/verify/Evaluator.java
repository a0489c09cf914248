package org.rmel.verify;

import java.math.BigInteger;
import java.util.List;
import org.rmel.verify.Expr.Add;
import org.rmel.verify.Expr.Const;
import org.rmel.verify.Expr.Div;
import org.rmel.verify.Expr.Func;
import org.rmel.verify.Expr.Mul;
import org.rmel.verify.Expr.Neg;
import org.rmel.verify.Expr.Num;
import org.rmel.verify.Expr.Percent;
import org.rmel.verify.Expr.Pow;
import org.rmel.verify.Expr.Sym;

/**
 * Values of scalar expressions: exactly as a {@link Rational} where the expression is a rational
 * number, and otherwise as a complex double at a sample point, where every free symbol takes a
 * fixed pseudo-random value (the same for a name at a point in every call, so verdicts are
 * reproducible). Undefined values (log 0, 1/0, a real-only function of a complex number) are
 * NaN, and the comparison skips or fails on them. Exact powers are checked against the bit
 * limit before they are computed, so 2^{10^{9}} is refused instantly.
 */
final class Evaluator {
    private static final int MAX_FACTORIAL = 5000;
    private final Budget budget;

    Evaluator(Budget budget) {
        this.budget = budget;
    }

    /** The exact rational value, or null when the expression is not a rational constant. */
    Rational exact(Expr e) {
        budget.tick();
        try {
            return checked(exactUnchecked(e));
        } catch (ArithmeticException undefined) {
            return null;
        }
    }

    private Rational checked(Rational r) {
        if (r != null && r.bitLength() > budget.maxNumberBits()) {
            throw new LimitExceededException("number larger than " + budget.maxNumberBits() + " bits");
        }
        return r;
    }

    private Rational exactUnchecked(Expr e) {
        if (e instanceof Num n) {
            return n.value();
        }
        if (e instanceof Neg n) {
            Rational a = exact(n.arg());
            return a == null ? null : a.negate();
        }
        if (e instanceof Add a) {
            Rational sum = Rational.ZERO;
            for (Expr t : a.terms()) {
                Rational v = exact(t);
                if (v == null) {
                    return null;
                }
                sum = checked(sum.add(v));
            }
            return sum;
        }
        if (e instanceof Mul m) {
            Rational product = Rational.ONE;
            for (Expr f : m.factors()) {
                Rational v = exact(f);
                if (v == null) {
                    return null;
                }
                product = checked(product.multiply(v));
            }
            return product;
        }
        if (e instanceof Div d) {
            Rational a = exact(d.num());
            Rational b = a == null ? null : exact(d.den());
            return b == null ? null : a.divide(b);
        }
        if (e instanceof Percent p) {
            Rational a = exact(p.arg());
            return a == null ? null : a.divide(Rational.HUNDRED);
        }
        if (e instanceof Pow p) {
            return exactPower(p);
        }
        if (e instanceof Func f) {
            return exactFunction(f);
        }
        return null;
    }

    private Rational exactPower(Pow p) {
        Rational base = exact(p.base());
        if (base == null) {
            return null;
        }
        Rational exp = exact(p.exponent());
        if (exp == null) {
            return null;
        }
        if (exp.isInteger()) {
            return integerPower(base, exp.num());
        }
        if (exp.den().equals(BigInteger.TWO) && base.signum() >= 0) {
            Rational root = exactSqrt(base);
            return root == null ? null : integerPower(root, exp.num());
        }
        return null;
    }

    private Rational integerPower(Rational base, BigInteger exponent) {
        if (base.signum() == 0 || base.abs().equals(Rational.ONE)) {
            if (base.signum() == 0 && exponent.signum() < 0) {
                throw new ArithmeticException("0 to a negative power");
            }
            return exponent.testBit(0) || base.signum() >= 0 ? base : base.negate();
        }
        // the result has at least k * (bits(num) - 1 + bits(den) - 1) bits: refuse before computing
        // only when that lower bound is over the limit, and let checked() apply the exact limit
        // (bits of numerator plus denominator) to the result, so 2^{19998} (20,000 bits) passes
        long lowerBound = (long) (base.num().abs().bitLength() - 1 + base.den().bitLength() - 1);
        if (exponent.bitLength() > 31 || lowerBound * exponent.abs().longValue() > budget.maxNumberBits()) {
            throw new LimitExceededException("power too large: " + base + "^" + exponent + " has over "
                    + budget.maxNumberBits() + " bits");
        }
        int k = exponent.abs().intValue();
        Rational r = Rational.of(base.num().pow(k), base.den().pow(k));
        return checked(exponent.signum() < 0 ? Rational.ONE.divide(r) : r);
    }

    private static Rational exactSqrt(Rational r) {
        BigInteger n = r.num().sqrt();
        BigInteger d = r.den().sqrt();
        return n.multiply(n).equals(r.num()) && d.multiply(d).equals(r.den()) ? Rational.of(n, d) : null;
    }

    private Rational exactFunction(Func f) {
        List<Expr> args = f.args();
        switch (f.name()) {
            case "sqrt" -> {
                Rational a = exact(args.get(0));
                return a == null || a.signum() < 0 ? null : exactSqrt(a);
            }
            case "abs" -> {
                Rational a = exact(args.get(0));
                return a == null ? null : a.abs();
            }
            case "floor", "ceil" -> {
                Rational a = exact(args.get(0));
                if (a == null) {
                    return null;
                }
                BigInteger fl = a.floor();
                return Rational.of(f.name().equals("floor") || a.isInteger() ? fl : fl.add(BigInteger.ONE),
                        BigInteger.ONE);
            }
            case "factorial" -> {
                Rational a = exact(args.get(0));
                if (a == null || !a.isInteger() || a.signum() < 0) {
                    return null;
                }
                if (a.num().compareTo(BigInteger.valueOf(MAX_FACTORIAL)) > 0
                        || log2Factorial(a.num().intValue()) > budget.maxNumberBits()) {
                    throw new LimitExceededException("factorial of " + a + " is over the " + budget.maxNumberBits()
                            + "-bit limit");
                }
                BigInteger r = BigInteger.ONE;
                for (int k = 2; k <= a.num().intValue(); k++) {
                    budget.tick();
                    r = r.multiply(BigInteger.valueOf(k));
                }
                return checked(Rational.of(r, BigInteger.ONE));
            }
            case "binom" -> {
                Rational n = exact(args.get(0));
                Rational k = n == null ? null : exact(args.get(1));
                if (k == null || !n.isInteger() || !k.isInteger() || n.signum() < 0) {
                    return null;
                }
                if (k.signum() < 0 || k.compareTo(n) > 0) {
                    return Rational.ZERO;
                }
                BigInteger smaller = k.num().min(n.num().subtract(k.num()));
                // C(n, k) < n^k: refuse before multiplying when that bound is over the bit limit
                if (smaller.bitLength() > 31 || (double) smaller.intValue() * n.num().bitLength() > budget.maxNumberBits()) {
                    throw new LimitExceededException("binomial coefficient too large");
                }
                int kk = smaller.intValue();
                if (kk > MAX_FACTORIAL) {
                    throw new LimitExceededException("binomial coefficient too large");
                }
                BigInteger r = BigInteger.ONE;
                for (int j = 1; j <= kk; j++) {
                    budget.tick();
                    r = r.multiply(n.num().subtract(BigInteger.valueOf(kk - j))).divide(BigInteger.valueOf(j));
                }
                return checked(Rational.of(r, BigInteger.ONE));
            }
            default -> {
                return null;
            }
        }
    }

    /** log2(n!) by Stirling, to refuse a factorial before computing it. */
    private static double log2Factorial(int n) {
        return n < 2 ? 0 : (n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n)) / Math.log(2);
    }

    /** The value at sample point {@code point}; NaN parts where undefined. */
    Complex numeric(Expr e, int point) {
        budget.tick();
        if (e instanceof Num n) {
            return Complex.real(n.value().toDouble());
        }
        if (e instanceof Const c) {
            return c == Const.PI ? Complex.real(Math.PI) : c == Const.E ? Complex.real(Math.E)
                    : c == Const.I ? Complex.I : Complex.real(Double.POSITIVE_INFINITY);
        }
        if (e instanceof Sym s) {
            return Complex.real(symbolValue(s.name(), point));
        }
        if (e instanceof Neg n) {
            return numeric(n.arg(), point).negate();
        }
        if (e instanceof Add a) {
            Complex sum = Complex.real(0);
            for (Expr t : a.terms()) {
                sum = sum.add(numeric(t, point));
            }
            return sum;
        }
        if (e instanceof Mul m) {
            Complex product = Complex.real(1);
            for (Expr f : m.factors()) {
                product = product.multiply(numeric(f, point));
            }
            return product;
        }
        if (e instanceof Div d) {
            return numeric(d.num(), point).divide(numeric(d.den(), point));
        }
        if (e instanceof Percent p) {
            return numeric(p.arg(), point).divide(Complex.real(100));
        }
        if (e instanceof Pow p) {
            Rational exp = exactIfCheap(p.exponent());
            Complex base = numeric(p.base(), point);
            if (exp != null && exp.isInteger() && exp.num().bitLength() < 31 && base.isReal()) {
                return Complex.real(Math.pow(base.re(), exp.num().intValue()));
            }
            if (exp != null && !exp.isInteger() && exp.den().testBit(0) && base.isReal() && base.re() < 0) {
                // odd roots of negative reals are real in school mathematics: (-8)^{1/3} = -2
                double r = -Math.pow(-base.re(), exp.toDouble());
                return Complex.real(exp.num().testBit(0) ? r : -r);
            }
            return base.pow(numeric(p.exponent(), point));
        }
        if (e instanceof Func f) {
            return function(f, point);
        }
        return Complex.NAN;
    }

    private Rational exactIfCheap(Expr e) {
        return e instanceof Num n ? n.value()
                : e instanceof Neg ng && ng.arg() instanceof Num n ? n.value().negate()
                : e instanceof Div d && d.num() instanceof Num a && d.den() instanceof Num b && b.value().signum() != 0
                        ? a.value().divide(b.value()) : null;
    }

    /** Ranges the sample points cycle through: moderate values first, then large and small ones. */
    private static final double[][] RANGES = {{0.6, 2.6}, {0.6, 2.6}, {2.6, 10}, {10, 40}, {0.05, 0.6}};

    /**
     * A fixed positive value for each (symbol, point), so roots and logs stay real. The ranges
     * vary so that floor, ceil and other step functions are also seen at large arguments.
     */
    static double symbolValue(String name, int point) {
        long h = name.hashCode() * 0x9E3779B97F4A7C15L + (point + 1) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        double[] range = RANGES[Math.floorMod(point, RANGES.length)];
        return range[0] + (range[1] - range[0]) * ((h >>> 11) * 0x1.0p-53);
    }

    private Complex function(Func f, int point) {
        String name = f.name();
        if (name.startsWith("apply:")) {
            return unknownFunction(name, f.args(), point);
        }
        Complex a = numeric(f.args().get(0), point);
        if (!a.isFinite()) {
            return Complex.NAN;
        }
        switch (name) {
            case "sqrt":
                return a.sqrt();
            case "root": {
                Rational index = exact(f.args().get(1));
                if (index == null || index.signum() == 0) {
                    return Complex.NAN;
                }
                if (a.isReal() && a.re() < 0 && index.isInteger() && index.num().testBit(0)) {
                    return Complex.real(-Math.pow(-a.re(), 1 / index.toDouble()));
                }
                return a.pow(Complex.real(1 / index.toDouble()));
            }
            case "exp":
                return a.exp();
            case "ln":
                return a.log();
            case "log":
                if (f.args().size() == 2) {
                    return a.log().divide(numeric(f.args().get(1), point).log());
                }
                return a.log();
            case "abs":
                return Complex.real(a.abs());
            default:
                break;
        }
        if (!a.isReal()) {
            return Complex.NAN; // the remaining functions are taken as real-only
        }
        double x = a.re();
        double r = switch (name) {
            case "sin" -> Math.sin(x);
            case "cos" -> Math.cos(x);
            case "tan" -> Math.tan(x);
            case "cot" -> 1 / Math.tan(x);
            case "sec" -> 1 / Math.cos(x);
            case "csc" -> 1 / Math.sin(x);
            case "arcsin" -> Math.asin(x);
            case "arccos" -> Math.acos(x);
            case "arctan" -> Math.atan(x);
            case "arccot" -> Math.atan(1 / x);
            case "arcsec" -> Math.acos(1 / x);
            case "arccsc" -> Math.asin(1 / x);
            case "sinh" -> Math.sinh(x);
            case "cosh" -> Math.cosh(x);
            case "tanh" -> Math.tanh(x);
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            case "factorial" -> Gamma.gamma(x + 1);
            case "binom" -> binomial(x, f, point);
            case "max", "min", "gcd", "lcm" -> twoArgument(name, x, f, point);
            default -> Double.NaN;
        };
        return Complex.real(r);
    }

    private double binomial(double n, Func f, int point) {
        Complex k = numeric(f.args().get(1), point);
        if (!k.isReal()) {
            return Double.NaN;
        }
        return Gamma.gamma(n + 1) / (Gamma.gamma(k.re() + 1) * Gamma.gamma(n - k.re() + 1));
    }

    private double twoArgument(String name, double x, Func f, int point) {
        double result = x;
        for (int k = 1; k < f.args().size(); k++) {
            Complex c = numeric(f.args().get(k), point);
            if (!c.isReal()) {
                return Double.NaN;
            }
            double y = c.re();
            result = switch (name) {
                case "max" -> Math.max(result, y);
                case "min" -> Math.min(result, y);
                default -> integerOnly(name, result, y);
            };
        }
        return f.args().size() > 1 ? result : Double.NaN;
    }

    private static double integerOnly(String name, double a, double b) {
        if (a != Math.rint(a) || b != Math.rint(b) || Math.abs(a) > 1e15 || Math.abs(b) > 1e15) {
            return Double.NaN;
        }
        long g = BigInteger.valueOf((long) a).gcd(BigInteger.valueOf((long) b)).longValue();
        return name.equals("gcd") ? g : g == 0 ? 0 : Math.abs((double) (long) a / g * (long) b);
    }

    /**
     * An unknown function f(x) is given a fixed smooth value per name, so f(x) and f(x) agree
     * and f(x) and g(x), or f(x) and f(2x), do not.
     */
    private Complex unknownFunction(String name, List<Expr> args, int point) {
        double seed = symbolValue(name, 97);
        double v = 0;
        for (int k = 0; k < args.size(); k++) {
            Complex a = numeric(args.get(k), point);
            if (!a.isReal()) {
                return Complex.NAN;
            }
            v += Math.sin(seed * (k + 1.3) * a.re() + seed) + 0.37 * a.re() * (k + 1);
        }
        return Complex.real(v + seed);
    }
}
