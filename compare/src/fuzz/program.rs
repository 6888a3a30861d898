//! Expression programs: the operations, the tree, printing as Rust source.

use core::fmt::{self, Display, Formatter};

/// A function of one number (some with a plain-float parameter).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unary {
    Neg,
    Sqrt,
    Cbrt,
    Exp,
    Exp2,
    ExpM1,
    Ln,
    Ln1p,
    Log2,
    Log10,
    Recip,
    Sin,
    Cos,
    Tan,
    /// The first result of `sin_cos`.
    SinOfSinCos,
    /// The second result of `sin_cos`.
    CosOfSinCos,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Abs,
    Signum,
    Floor,
    Ceil,
    Round,
    Trunc,
    Fract,
    /// `ComplexField::sinc`
    Sinc,
    /// `ComplexField::sinhc`
    Sinhc,
    Powi(i32),
    /// The inherent `powf` with a plain-float exponent.
    Powf(f64),
    /// `ComplexField::powf` with a constant number as exponent.
    PowfNumber(f64),
    /// The inherent `log` with a plain-float base.
    Log(f64),
    /// `ComplexField::log` with a constant number as base.
    LogNumber(f64),
    /// `RealField::copysign` with a constant sign.
    Copysign(f64),
    /// `x + c`, and so on: the plain float on the right.
    AddFloat(f64),
    SubFloat(f64),
    MulFloat(f64),
    DivFloat(f64),
    RemFloat(f64),
    /// `c + x`, and so on: the plain float on the left.
    FloatAdd(f64),
    FloatSub(f64),
    FloatMul(f64),
    FloatDiv(f64),
    FloatRem(f64),
    /// `x += c`, and so on.
    AddAssignFloat(f64),
    SubAssignFloat(f64),
    MulAssignFloat(f64),
    DivAssignFloat(f64),
}

/// A function of two numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Binary {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    /// The inherent `pow` with a number exponent.
    Pow,
    /// `ComplexField::powf(x, y)` with a number exponent.
    PowfNumber,
    /// `ComplexField::log(x, base)` with a number base.
    LogNumber,
    Atan2,
    Hypot,
    Min,
    Max,
    AddAssign,
    SubAssign,
    MulAssign,
    DivAssign,
    RemAssign,
}

/// A program: a tree over the inputs `x[i]` and constants.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Input(usize),
    Constant(f64),
    Unary(Unary, Box<Expr>),
    Binary(Binary, Box<Expr>, Box<Expr>),
    /// `a.mul_add(b, c)` = a·b + c with one rounding.
    MulAdd(Box<Expr>, Box<Expr>, Box<Expr>),
}

impl Unary {
    /// Every unary operation, with representative parameters.
    pub const ALL: &'static [Unary] = &[
        Unary::Neg,
        Unary::Sqrt,
        Unary::Cbrt,
        Unary::Exp,
        Unary::Exp2,
        Unary::ExpM1,
        Unary::Ln,
        Unary::Ln1p,
        Unary::Log2,
        Unary::Log10,
        Unary::Recip,
        Unary::Sin,
        Unary::Cos,
        Unary::Tan,
        Unary::SinOfSinCos,
        Unary::CosOfSinCos,
        Unary::Asin,
        Unary::Acos,
        Unary::Atan,
        Unary::Sinh,
        Unary::Cosh,
        Unary::Tanh,
        Unary::Asinh,
        Unary::Acosh,
        Unary::Atanh,
        Unary::Abs,
        Unary::Signum,
        Unary::Floor,
        Unary::Ceil,
        Unary::Round,
        Unary::Trunc,
        Unary::Fract,
        Unary::Sinc,
        Unary::Sinhc,
        Unary::Powi(3),
        Unary::Powf(1.5),
        Unary::PowfNumber(1.5),
        Unary::Log(10.0),
        Unary::LogNumber(3.0),
        Unary::Copysign(-1.0),
        Unary::AddFloat(1.0),
        Unary::SubFloat(1.0),
        Unary::MulFloat(2.0),
        Unary::DivFloat(2.0),
        Unary::RemFloat(2.0),
        Unary::FloatAdd(1.0),
        Unary::FloatSub(1.0),
        Unary::FloatMul(2.0),
        Unary::FloatDiv(2.0),
        Unary::FloatRem(2.0),
        Unary::AddAssignFloat(1.0),
        Unary::SubAssignFloat(1.0),
        Unary::MulAssignFloat(2.0),
        Unary::DivAssignFloat(2.0),
    ];

    /// The same operation with another parameter (unchanged if it has none).
    #[must_use]
    pub fn with_parameter(self, c: f64) -> Unary {
        use Unary::*;
        match self {
            Powi(_) => Powi(c as i32),
            Powf(_) => Powf(c),
            PowfNumber(_) => PowfNumber(c),
            Log(_) => Log(c),
            LogNumber(_) => LogNumber(c),
            Copysign(_) => Copysign(c),
            AddFloat(_) => AddFloat(c),
            SubFloat(_) => SubFloat(c),
            MulFloat(_) => MulFloat(c),
            DivFloat(_) => DivFloat(c),
            RemFloat(_) => RemFloat(c),
            FloatAdd(_) => FloatAdd(c),
            FloatSub(_) => FloatSub(c),
            FloatMul(_) => FloatMul(c),
            FloatDiv(_) => FloatDiv(c),
            FloatRem(_) => FloatRem(c),
            AddAssignFloat(_) => AddAssignFloat(c),
            SubAssignFloat(_) => SubAssignFloat(c),
            MulAssignFloat(_) => MulAssignFloat(c),
            DivAssignFloat(_) => DivAssignFloat(c),
            other => other,
        }
    }

    /// The plain-float parameter, if the operation has one.
    #[must_use]
    pub fn parameter(self) -> Option<f64> {
        use Unary::*;
        match self {
            Powi(n) => Some(f64::from(n)),
            Powf(c) | PowfNumber(c) | Log(c) | LogNumber(c) | Copysign(c) | AddFloat(c)
            | SubFloat(c) | MulFloat(c) | DivFloat(c) | RemFloat(c) | FloatAdd(c) | FloatSub(c)
            | FloatMul(c) | FloatDiv(c) | FloatRem(c) | AddAssignFloat(c) | SubAssignFloat(c)
            | MulAssignFloat(c) | DivAssignFloat(c) => Some(c),
            _ => None,
        }
    }

    /// The name used to group failures: the operation without its parameter.
    #[must_use]
    pub fn name(self) -> String {
        let debug = format!("{self:?}");
        debug.split('(').next().unwrap_or_default().to_string()
    }
}

impl Binary {
    /// Every binary operation.
    pub const ALL: &'static [Binary] = &[
        Binary::Add,
        Binary::Sub,
        Binary::Mul,
        Binary::Div,
        Binary::Rem,
        Binary::Pow,
        Binary::PowfNumber,
        Binary::LogNumber,
        Binary::Atan2,
        Binary::Hypot,
        Binary::Min,
        Binary::Max,
        Binary::AddAssign,
        Binary::SubAssign,
        Binary::MulAssign,
        Binary::DivAssign,
        Binary::RemAssign,
    ];
}

impl Expr {
    /// The number of nodes.
    #[must_use]
    pub fn size(&self) -> usize {
        match self {
            Expr::Input(_) | Expr::Constant(_) => 1,
            Expr::Unary(_, a) => 1 + a.size(),
            Expr::Binary(_, a, b) => 1 + a.size() + b.size(),
            Expr::MulAdd(a, b, c) => 1 + a.size() + b.size() + c.size(),
        }
    }

    /// The children, in order.
    #[must_use]
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Input(_) | Expr::Constant(_) => vec![],
            Expr::Unary(_, a) => vec![a],
            Expr::Binary(_, a, b) => vec![a, b],
            Expr::MulAdd(a, b, c) => vec![a, b, c],
        }
    }

    /// Whether no input occurs in the program.
    #[must_use]
    pub fn is_constant(&self) -> bool {
        match self {
            Expr::Input(_) => false,
            Expr::Constant(_) => true,
            _ => self.children().iter().all(|c| c.is_constant()),
        }
    }

    /// Whether `x[i]` occurs in the program.
    #[must_use]
    pub fn uses(&self, i: usize) -> bool {
        match self {
            Expr::Input(j) => *j == i,
            Expr::Constant(_) => false,
            _ => self.children().iter().any(|c| c.uses(i)),
        }
    }

    /// Whether the result can depend on `x[i]`: its occurrences under a
    /// piecewise-constant function (floor, ceil, round, trunc, signum) or
    /// a zeroth power (`powi(0)`, `powf(0.0)`, a constant exponent 0) do
    /// not count, since a zero outer derivative kills whatever the inner
    /// one is.
    #[must_use]
    pub fn depends_on(&self, i: usize) -> bool {
        use Unary::*;
        match self {
            Expr::Input(j) => *j == i,
            Expr::Constant(_) => false,
            Expr::Unary(Signum | Floor | Ceil | Round | Trunc | Powi(0), _) => false,
            Expr::Unary(Powf(a) | PowfNumber(a), _) if *a == 0.0 => false,
            Expr::Binary(Binary::Pow | Binary::PowfNumber, _, b) if **b == Expr::Constant(0.0) => {
                false
            }
            _ => self.children().iter().any(|c| c.depends_on(i)),
        }
    }

    /// The program with every operation written in one form where the API
    /// has several for the same function: `ComplexField::log(x, k(b))` as
    /// `x.log(b)`, `ComplexField::powf` as the inherent forms, a binary
    /// operator with a constant operand as the operator with a plain float,
    /// compound assignment as the operator, `sin_cos().0` as `sin`. The
    /// value parts are the same bits; the derivatives must agree.
    #[must_use]
    pub fn canonical(&self) -> Expr {
        use Unary::*;
        let c = |e: &Expr| Box::new(e.canonical());
        match self {
            Expr::Input(_) | Expr::Constant(_) => self.clone(),
            Expr::Unary(op, a) => {
                let op = match *op {
                    LogNumber(b) => Log(b),
                    PowfNumber(p) => Powf(p),
                    SinOfSinCos => Sin,
                    CosOfSinCos => Cos,
                    AddAssignFloat(k) => AddFloat(k),
                    SubAssignFloat(k) => SubFloat(k),
                    MulAssignFloat(k) => MulFloat(k),
                    DivAssignFloat(k) => DivFloat(k),
                    other => other,
                };
                Expr::Unary(op, c(a))
            }
            Expr::Binary(op, a, b) => {
                let op = match op {
                    Binary::AddAssign => Binary::Add,
                    Binary::SubAssign => Binary::Sub,
                    Binary::MulAssign => Binary::Mul,
                    Binary::DivAssign => Binary::Div,
                    Binary::RemAssign => Binary::Rem,
                    Binary::PowfNumber => Binary::Pow,
                    other => *other,
                };
                let with_float = match (op, &**a, &**b) {
                    (Binary::Add, _, Expr::Constant(k)) => Some(Expr::Unary(AddFloat(*k), c(a))),
                    (Binary::Sub, _, Expr::Constant(k)) => Some(Expr::Unary(SubFloat(*k), c(a))),
                    (Binary::Mul, _, Expr::Constant(k)) => Some(Expr::Unary(MulFloat(*k), c(a))),
                    (Binary::Div, _, Expr::Constant(k)) => Some(Expr::Unary(DivFloat(*k), c(a))),
                    (Binary::Rem, _, Expr::Constant(k)) => Some(Expr::Unary(RemFloat(*k), c(a))),
                    (Binary::Add, Expr::Constant(k), _) => Some(Expr::Unary(FloatAdd(*k), c(b))),
                    (Binary::Sub, Expr::Constant(k), _) => Some(Expr::Unary(FloatSub(*k), c(b))),
                    (Binary::Mul, Expr::Constant(k), _) => Some(Expr::Unary(FloatMul(*k), c(b))),
                    (Binary::Div, Expr::Constant(k), _) => Some(Expr::Unary(FloatDiv(*k), c(b))),
                    (Binary::Rem, Expr::Constant(k), _) => Some(Expr::Unary(FloatRem(*k), c(b))),
                    (Binary::Pow, _, Expr::Constant(k)) => Some(Expr::Unary(Powf(*k), c(a))),
                    (Binary::LogNumber, _, Expr::Constant(k)) => Some(Expr::Unary(Log(*k), c(a))),
                    _ => None,
                };
                with_float.unwrap_or_else(|| Expr::Binary(op, c(a), c(b)))
            }
            Expr::MulAdd(a, b, d) => Expr::MulAdd(c(a), c(b), c(d)),
        }
    }

    /// The names of the operations in the program, sorted, without repeats.
    #[must_use]
    pub fn operation_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        self.collect_names(&mut names);
        names.sort();
        names.dedup();
        names
    }

    fn collect_names(&self, names: &mut Vec<String>) {
        match self {
            Expr::Input(_) | Expr::Constant(_) => {}
            Expr::Unary(op, _) => names.push(op.name()),
            Expr::Binary(op, _, _) => names.push(format!("{op:?}")),
            Expr::MulAdd(..) => names.push("MulAdd".to_string()),
        }
        for child in self.children() {
            child.collect_names(names);
        }
    }
}

/// A float as a Rust literal.
#[must_use]
pub fn literal(c: f64) -> String {
    if c.is_nan() {
        "f64::NAN".to_string()
    } else if c == f64::INFINITY {
        "f64::INFINITY".to_string()
    } else if c == f64::NEG_INFINITY {
        "f64::NEG_INFINITY".to_string()
    } else {
        let text = format!("{c:?}");
        if c < 0.0 { format!("({text})") } else { text }
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use Unary::*;
        match self {
            Expr::Input(i) => write!(f, "x[{i}]"),
            Expr::Constant(c) => write!(f, "k({})", literal(*c)),
            Expr::Unary(op, a) => {
                let method = |f: &mut Formatter<'_>, name: &str| write!(f, "{a}.{name}()");
                match *op {
                    Neg => write!(f, "(-{a})"),
                    Sqrt => method(f, "sqrt"),
                    Cbrt => method(f, "cbrt"),
                    Exp => method(f, "exp"),
                    Exp2 => method(f, "exp2"),
                    ExpM1 => method(f, "exp_m1"),
                    Ln => method(f, "ln"),
                    Ln1p => method(f, "ln_1p"),
                    Log2 => method(f, "log2"),
                    Log10 => method(f, "log10"),
                    Recip => method(f, "recip"),
                    Sin => method(f, "sin"),
                    Cos => method(f, "cos"),
                    Tan => method(f, "tan"),
                    SinOfSinCos => write!(f, "{a}.sin_cos().0"),
                    CosOfSinCos => write!(f, "{a}.sin_cos().1"),
                    Asin => method(f, "asin"),
                    Acos => method(f, "acos"),
                    Atan => method(f, "atan"),
                    Sinh => method(f, "sinh"),
                    Cosh => method(f, "cosh"),
                    Tanh => method(f, "tanh"),
                    Asinh => method(f, "asinh"),
                    Acosh => method(f, "acosh"),
                    Atanh => method(f, "atanh"),
                    Abs => method(f, "abs"),
                    Signum => method(f, "signum"),
                    Floor => method(f, "floor"),
                    Ceil => method(f, "ceil"),
                    Round => method(f, "round"),
                    Trunc => method(f, "trunc"),
                    Fract => method(f, "fract"),
                    Sinc => write!(f, "ComplexField::sinc({a})"),
                    Sinhc => write!(f, "ComplexField::sinhc({a})"),
                    Powi(n) => write!(f, "{a}.powi({n})"),
                    Powf(c) => write!(f, "{a}.powf({})", literal(c)),
                    PowfNumber(c) => write!(f, "ComplexField::powf({a}, k({}))", literal(c)),
                    Log(c) => write!(f, "{a}.log({})", literal(c)),
                    LogNumber(c) => write!(f, "ComplexField::log({a}, k({}))", literal(c)),
                    Copysign(c) => write!(f, "RealField::copysign({a}, k({}))", literal(c)),
                    AddFloat(c) => write!(f, "({a} + {})", literal(c)),
                    SubFloat(c) => write!(f, "({a} - {})", literal(c)),
                    MulFloat(c) => write!(f, "({a} * {})", literal(c)),
                    DivFloat(c) => write!(f, "({a} / {})", literal(c)),
                    RemFloat(c) => write!(f, "({a} % {})", literal(c)),
                    FloatAdd(c) => write!(f, "({} + {a})", literal(c)),
                    FloatSub(c) => write!(f, "({} - {a})", literal(c)),
                    FloatMul(c) => write!(f, "({} * {a})", literal(c)),
                    FloatDiv(c) => write!(f, "({} / {a})", literal(c)),
                    FloatRem(c) => write!(f, "({} % {a})", literal(c)),
                    AddAssignFloat(c) => write!(f, "{{ let mut t = {a}; t += {}; t }}", literal(c)),
                    SubAssignFloat(c) => write!(f, "{{ let mut t = {a}; t -= {}; t }}", literal(c)),
                    MulAssignFloat(c) => write!(f, "{{ let mut t = {a}; t *= {}; t }}", literal(c)),
                    DivAssignFloat(c) => write!(f, "{{ let mut t = {a}; t /= {}; t }}", literal(c)),
                }
            }
            Expr::Binary(op, a, b) => match op {
                Binary::Add => write!(f, "({a} + {b})"),
                Binary::Sub => write!(f, "({a} - {b})"),
                Binary::Mul => write!(f, "({a} * {b})"),
                Binary::Div => write!(f, "({a} / {b})"),
                Binary::Rem => write!(f, "({a} % {b})"),
                Binary::Pow => write!(f, "{a}.pow({b})"),
                Binary::PowfNumber => write!(f, "ComplexField::powf({a}, {b})"),
                Binary::LogNumber => write!(f, "ComplexField::log({a}, {b})"),
                Binary::Atan2 => write!(f, "{a}.atan2({b})"),
                Binary::Hypot => write!(f, "{a}.hypot({b})"),
                Binary::Min => write!(f, "{a}.min({b})"),
                Binary::Max => write!(f, "{a}.max({b})"),
                Binary::AddAssign => write!(f, "{{ let mut t = {a}; t += {b}; t }}"),
                Binary::SubAssign => write!(f, "{{ let mut t = {a}; t -= {b}; t }}"),
                Binary::MulAssign => write!(f, "{{ let mut t = {a}; t *= {b}; t }}"),
                Binary::DivAssign => write!(f, "{{ let mut t = {a}; t /= {b}; t }}"),
                Binary::RemAssign => write!(f, "{{ let mut t = {a}; t %= {b}; t }}"),
            },
            Expr::MulAdd(a, b, c) => write!(f, "{a}.mul_add({b}, {c})"),
        }
    }
}
