package org.rmel.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** An exact fraction in lowest terms with a positive denominator; immutable. */
record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {
    static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);
    static final Rational HUNDRED = new Rational(BigInteger.valueOf(100), BigInteger.ONE);

    static Rational of(long n) {
        return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
    }

    static Rational of(BigInteger n, BigInteger d) {
        if (d.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (d.signum() < 0) {
            n = n.negate();
            d = d.negate();
        }
        BigInteger g = n.gcd(d);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            n = n.divide(g);
            d = d.divide(g);
        }
        if (n.signum() == 0) {
            d = BigInteger.ONE;
        }
        return new Rational(n, d);
    }

    /**
     * Parses a plain decimal literal such as {@code 12}, {@code .35}, {@code 1.}, {@code 4.5e33}.
     * The size is checked before the exact value is built: {@code 1e999999999} would otherwise
     * allocate a billion-digit number.
     */
    static Rational parseDecimal(String text, int maxBits) {
        BigDecimal d = new BigDecimal(text.endsWith(".") ? text.substring(0, text.length() - 1) : text);
        double bits = d.unscaledValue().bitLength() + Math.abs((double) d.scale()) * 3.3219280948873626;
        if (bits > maxBits) {
            throw new LimitExceededException("number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + " needs about " + (long) bits + " bits, over the " + maxBits + "-bit limit");
        }
        if (d.scale() <= 0) {
            return new Rational(d.toBigIntegerExact(), BigInteger.ONE);
        }
        return of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    Rational add(Rational o) {
        if (den.equals(o.den)) {
            return of(num.add(o.num), den);
        }
        return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Rational subtract(Rational o) {
        return add(o.negate());
    }

    Rational multiply(Rational o) {
        return of(num.multiply(o.num), den.multiply(o.den));
    }

    Rational divide(Rational o) {
        return of(num.multiply(o.den), den.multiply(o.num));
    }

    Rational negate() {
        return new Rational(num.negate(), den);
    }

    Rational abs() {
        return num.signum() < 0 ? negate() : this;
    }

    int signum() {
        return num.signum();
    }

    boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    /** Bits needed to write the fraction; the evaluator's guard against gigantic numbers. */
    int bitLength() {
        return num.bitLength() + den.bitLength();
    }

    double toDouble() {
        if (num.bitLength() < 1000 && den.bitLength() < 1000) {
            return num.doubleValue() / den.doubleValue();
        }
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
    }

    BigInteger floor() {
        BigInteger[] qr = num.divideAndRemainder(den);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    @Override
    public int compareTo(Rational o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public String toString() {
        return isInteger() ? num.toString() : num + "/" + den;
    }
}
