use monodual::{Dual, HyperDual};
use nalgebra::SVector;
type N2 = Dual<HyperDual<f64, 2>, 2>;
fn var(p: [f64; 2], i: usize) -> N2 {
    let mut outer = SVector::<HyperDual<f64, 2>, 2>::zeros();
    outer[i] = HyperDual::constant(1.0);
    Dual::new(HyperDual::variable(p[i], i), outer)
}
fn show(name: &str, r: N2) {
    println!("{name}: value {:?}", r.value().value());
    for i in 0..2 {
        let g = r.gradient()[i];
        println!(
            "  outer {i}: v {:e} grad {:e} {:e} hess {:e} {:e} / {:e} {:e}",
            g.value(),
            g.gradient()[0],
            g.gradient()[1],
            g.hessian()[(0, 0)],
            g.hessian()[(0, 1)],
            g.hessian()[(1, 0)],
            g.hessian()[(1, 1)]
        );
    }
}
fn main() {
    rem();
    let p = [-6.044634986667675e-253, -9.999999999999997e-140];
    show("div", var(p, 0) / var(p, 1));
    let p = [0.0, -6.214820700315422e-128];
    show("atan2", var(p, 0).atan2(var(p, 1)));
    let p = [0.0, 1.5545103599762774e-182];
    show("hypot", var(p, 0).hypot(var(p, 1)));
}
pub fn hd(name: &str, g: HyperDual<f64, 2>) {
    println!(
        "{name}: v {:e} grad {:e} {:e} hess {:e} {:e} / {:e} {:e}",
        g.value(),
        g.gradient()[0],
        g.gradient()[1],
        g.hessian()[(0, 0)],
        g.hessian()[(0, 1)],
        g.hessian()[(1, 0)],
        g.hessian()[(1, 1)]
    );
}
pub fn inner() {
    let p = [-6.044634986667675e-253, -9.999999999999997e-140];
    let a = HyperDual::<f64, 2>::variable(p[0], 0);
    let b = HyperDual::<f64, 2>::variable(p[1], 1);
    let f = a / b;
    hd("f", f);
    hd("f/b", f / b);
    hd("1/b", b.recip());
}
type N3 = Dual<HyperDual<f64, 3>, 3>;
fn var3(p: [f64; 3], i: usize) -> N3 {
    let mut outer = SVector::<HyperDual<f64, 3>, 3>::zeros();
    outer[i] = HyperDual::constant(1.0);
    Dual::new(HyperDual::variable(p[i], i), outer)
}
fn show3(name: &str, r: N3) {
    println!(
        "{name}: value {:?} inner {:?}",
        r.value().value(),
        r.value()
    );
    for i in 0..3 {
        println!("  outer {i}: {:?}", r.gradient()[i]);
    }
}
pub fn rem() {
    let p = [1.0, -1e-300, 0.0];
    let c = var3(p, 0).cbrt();
    show3("cbrt", c);
    let r = c % var3(p, 1);
    show3("rem", r);
    show3("sin", r.sin());
}
