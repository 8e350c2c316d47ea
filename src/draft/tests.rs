//! Unit tests of the drafting steps.
