//! Every shipped spec, generated (the specs are copied into `spec/` by
//! `benches/compile/run.sh`).

kontur_extern::endpoint!("spec/password-token.yaml");
kontur_extern::endpoint!("spec/refresh-token.yaml");
