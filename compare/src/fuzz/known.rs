//! Where the known issues show: the guards that the short run uses to
//! leave out exactly the cases of [`KnownIssue`](super::KnownIssue).

use super::KnownIssue;
use super::program::{Binary, Expr, Unary};

/// The f64 arguments of every node, for the known-issue guards.
fn visit_arguments(expr: &Expr, point: &[f64], visit: &mut impl FnMut(&Expr, &[f64])) -> f64 {
    let args: Vec<f64> = expr
        .children()
        .iter()
        .map(|c| visit_arguments(c, point, visit))
        .collect();
    visit(expr, &args);
    match expr {
        Expr::Input(i) => point[*i],
        Expr::Constant(c) => *c,
        Expr::Unary(op, _) => super::eval::unary(*op, args[0]),
        Expr::Binary(op, _, _) => super::eval::binary(*op, args[0], args[1]),
        Expr::MulAdd(..) => args[0].mul_add(args[1], args[2]),
    }
}

/// Whether some node of the program is where a known issue shows. `single`:
/// for the ulp check of one function (a wider range than where the
/// relative error exceeds the program check's 1e-9).
pub fn touches(issue: KnownIssue, expr: &Expr, point: &[f64], single: bool) -> bool {
    let mut found = false;
    visit_arguments(expr, point, &mut |node, args| {
        found |= match node {
            Expr::Unary(op, _) => unary_touches(issue, *op, args[0], single),
            Expr::Binary(op, _, b) => binary_touches(issue, *op, b, args[0], args[1], single),
            _ => false,
        };
    });
    found
}

/// `a / b` rounds to an integer (where `%`'s ∂/∂y = −trunc(a/b) is off by one).
fn quotient_rounds_to_integer(a: f64, b: f64) -> bool {
    let q = a / b;
    q == q.trunc()
}

fn unary_touches(issue: KnownIssue, op: Unary, x: f64, single: bool) -> bool {
    use Unary::*;
    match (issue, op) {
        // the quotient rule cancels as |x| → 0: beyond 1e-9 relative below
        // 0.05, beyond 8 ulps below 1 (where the series is the accurate form)
        (KnownIssue::SincNearZero, Sinc | Sinhc) => x.abs() < if single { 1.0 } else { 0.05 },
        (KnownIssue::RemBranch, RemFloat(c)) => quotient_rounds_to_integer(x, c),
        (KnownIssue::RemBranch, FloatRem(c)) => quotient_rounds_to_integer(c, x),
        (KnownIssue::Precision, _) if single => match op {
            Tanh => x.abs() > 0.3,
            Asinh => x.abs() > 1e150,
            Acosh => !(2.0..=1e150).contains(&x),
            Asin | Acos | Atanh => x.abs() > 0.5,
            _ => false,
        },
        (KnownIssue::Precision, Asin | Acos | Atanh) => x.abs() > 0.9,
        (KnownIssue::Precision, Acosh) => x < 1.1,
        (KnownIssue::PrecisionFound, Powf(a) | PowfNumber(a)) => single && a != a.trunc(),
        (KnownIssue::PrecisionFound, FloatDiv(c)) => single && !(c / x).is_normal(),
        (KnownIssue::PrecisionFound, DivFloat(c) | DivAssignFloat(c)) => {
            single && !(x / c).is_normal()
        }
        _ => false,
    }
}

fn binary_touches(
    issue: KnownIssue,
    op: Binary,
    exponent: &Expr,
    a: f64,
    b: f64,
    single: bool,
) -> bool {
    let out_of_range = |v: f64| v != 0.0 && !(1e-75..=1e75).contains(&v.abs());
    match (issue, op) {
        (KnownIssue::PowShortCut, Binary::Pow | Binary::PowfNumber) => {
            !matches!(exponent, Expr::Constant(_)) && (b == 0.0 || b == 1.0)
        }
        (KnownIssue::RemBranch, Binary::Rem | Binary::RemAssign) => {
            quotient_rounds_to_integer(a, b)
        }
        (KnownIssue::Precision, Binary::Atan2 | Binary::Hypot) => {
            // r⁴ and h³ leave the range of f64 beyond about 1e±75
            let m = a.abs().max(b.abs());
            let diagonal = op == Binary::Atan2 && (a.abs() - b.abs()).abs() < 0.1 * m;
            out_of_range(a)
                || out_of_range(b)
                || (m != 0.0 && !(1e-75..=1e75).contains(&m))
                || diagonal
        }
        (KnownIssue::PrecisionFound, Binary::Atan2 | Binary::Hypot) => {
            // nested types differentiate the first partials: (h² − a²)/h³ cancels
            a.abs().min(b.abs()) < 1e-3 * a.abs().max(b.abs())
        }
        (KnownIssue::PrecisionFound, Binary::Div | Binary::DivAssign) => {
            single && !(a / b).is_normal()
        }
        (KnownIssue::PrecisionFound, Binary::Pow | Binary::PowfNumber) => single && b != b.trunc(),
        _ => false,
    }
}
