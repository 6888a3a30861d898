//! Compile-fail tests of monodual's diagnostics; the cases are in `tests/ui/`.
