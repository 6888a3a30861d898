use monodual_compare::fuzz::program::{Binary, Expr, Unary};
use monodual_compare::fuzz::rounding::term_sizes;
fn main() {
    let e = Expr::Unary(
        Unary::Sin,
        Box::new(Expr::Binary(
            Binary::Rem,
            Box::new(Expr::Unary(Unary::Cbrt, Box::new(Expr::Input(0)))),
            Box::new(Expr::Input(1)),
        )),
    );
    let s = term_sizes::<3>(&e, &[1.0, -1e-300, 0.0]);
    println!(
        "{:?}",
        (
            s.out_of_range,
            s.singular,
            s.non_finite,
            s.non_finite_argument
        )
    );
}
