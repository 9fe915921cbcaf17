//! Shared helpers of the golden-output test harnesses (see `tests/README.md`).
