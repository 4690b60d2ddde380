#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kubegov::fuzzing::load_gatekeeper(data));
