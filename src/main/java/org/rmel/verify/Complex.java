package org.rmel.verify;

/** A complex double for numeric evaluation at sample points; NaN parts mark "undefined here". */
record Complex(double re, double im) {
    static final Complex NAN = new Complex(Double.NaN, Double.NaN);
    static final Complex I = new Complex(0, 1);

    static Complex real(double x) {
        return new Complex(x, 0);
    }

    boolean isFinite() {
        return Double.isFinite(re) && Double.isFinite(im);
    }

    /** Imaginary part negligible against the magnitude, so real-only functions may apply. */
    boolean isReal() {
        return Math.abs(im) <= 1e-12 * Math.max(1, Math.abs(re));
    }

    double abs() {
        return Math.hypot(re, im);
    }

    Complex add(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    Complex subtract(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    Complex multiply(Complex o) {
        if (im == 0 && o.im == 0) {
            return new Complex(re * o.re, 0);
        }
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Complex divide(Complex o) {
        if (im == 0 && o.im == 0) {
            return o.re == 0 ? NAN : new Complex(re / o.re, 0);
        }
        double d = o.re * o.re + o.im * o.im;
        if (d == 0) {
            return NAN;
        }
        return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
    }

    Complex negate() {
        return new Complex(-re, -im);
    }

    Complex exp() {
        double m = Math.exp(re);
        return im == 0 ? real(m) : new Complex(m * Math.cos(im), m * Math.sin(im));
    }

    /** Principal logarithm; log 0 is undefined. */
    Complex log() {
        if (re == 0 && im == 0) {
            return NAN;
        }
        if (im == 0 && re > 0) {
            return real(Math.log(re));
        }
        return new Complex(Math.log(abs()), Math.atan2(im, re));
    }

    Complex pow(Complex e) {
        if (im == 0 && e.im == 0) {
            if (re >= 0 || e.re == Math.rint(e.re)) {
                if (re == 0 && e.re < 0) {
                    return NAN;
                }
                return real(Math.pow(re, e.re));
            }
        }
        if (re == 0 && im == 0) {
            return e.re > 0 ? real(0) : NAN;
        }
        return log().multiply(e).exp();
    }

    Complex sqrt() {
        if (im == 0) {
            return re >= 0 ? real(Math.sqrt(re)) : new Complex(0, Math.sqrt(-re));
        }
        return pow(real(0.5));
    }

    @Override
    public String toString() {
        return im == 0 ? Double.toString(re) : re + (im < 0 ? "-" : "+") + Math.abs(im) + "i";
    }
}
