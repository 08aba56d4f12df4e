// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};

/// What a reply document is generated with.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerateReplyRequest {
    /// The certificate of whoever will sign the reply (its DER bytes in base64). A string,
    /// not `bytes`: the documented request elides it (`MIIJcDCCCR2gAwI...NRsAZ8sYpQYKykqopO+/MYE3Xk=`),
    /// which is not base64.
    #[serde(rename = "certificate-base64")]
    pub certificate_base64: String,
}

/// What a signed reply document is sent with.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendReplyRequest {
    /// The IP address of the sender (the user's machine), as text (`8.8.8.8`).
    #[serde(rename = "sender-ip")]
    pub sender_ip: String,
}
