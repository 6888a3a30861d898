//! monodual side by side with num-dual and hyperjet: the criterion
//! benchmarks (`benches/derivatives`), the table printed from their results
//! (`examples/perf_table`), the differential fuzzer against a 160-bit reference
//! (`fuzz`, run briefly by `tests/fuzz.rs` and at length by `examples/fuzz.rs`) and the
//! serde round trips (`tests/`). A workspace member of its own, so that
//! building monodual and its examples never builds these comparison crates.

pub mod fuzz;
