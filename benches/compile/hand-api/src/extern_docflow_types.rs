// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};

/// One JSON Patch operation (RFC 6902) on a docflow or a document: `PATCH …/docflows/{docflowId}`
/// and `PATCH …/documents/{documentId}` take a list of them. The C# SDK sends
/// `JsonPatchDocument<T>.Operations`, a JSON array, with `Content-Type: application/json`; the
/// docs (table_demand.rst) show single operation objects, which read as excerpts of such a
/// list (one ends in `},`). The specs follow the C# SDK: the body is always an array. The
/// media type `application/json-patch+json` is not sent; neither source uses it.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PatchOperation {
    /// What to do; the docs name `add`, `replace` and `remove`.
    pub op: PatchOp,
    /// A JSON Pointer into the docflow or document (`/description/requisites/comment`,
    /// `/description/requisites/labels/3`).
    pub path: String,
    /// The value to add or put; absent for `remove`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// The source path of `move` and `copy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// The JSON Patch operations (RFC 6902 section 4), as `Microsoft.AspNetCore.JsonPatch` writes them.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PatchOp {
    #[serde(rename = "add")]
    Add,
    #[serde(rename = "remove")]
    Remove,
    #[serde(rename = "replace")]
    Replace,
    #[serde(rename = "move")]
    Move,
    #[serde(rename = "copy")]
    Copy,
    #[serde(rename = "test")]
    Test,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// What a docflow or inventory print prints: the document's decrypted (and unpacked) content,
/// uploaded to the contents service first. The docs also name `content`, the content itself in
/// base64, as obsolete ("Параметр устарел"); it is not modelled.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrintDocumentRequest {
    /// The decrypted content, as `upload_content` answered (`id`).
    #[serde(rename = "content-id")]
    pub content_id: uuid::Uuid,
}

/// A print run as a task (`deferred=true`), of a docflow, inventory or draft document: read it
/// again until its `task-state` is no longer `running`; then `task-result` names the printed
/// PDF in the contents service, or `error` says why the print failed. The C# SDK's
/// `ApiTaskResult<PrintDocumentResult>`, which needs `id`, `task-state` and `task-type` on
/// every answer (`task-type` may be `null`).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrintTask {
    /// The task's id, for `GET …/tasks/{apiTaskId}`.
    pub id: uuid::Uuid,
    #[serde(rename = "task-state")]
    pub task_state: crate::extern_types::DraftTaskState,
    /// What the task does: `urn:task-type:docflowPrint` for a docflow document's print in the
    /// docs (print.rst). The value for inventory and draft prints is not published.
    #[serde(rename = "task-type", default)]
    pub task_type: Option<String>,
    /// What a print that succeeded gives; absent while it runs.
    #[serde(rename = "task-result", default, skip_serializing_if = "Option::is_none")]
    pub task_result: Option<PrintDocumentResult>,
    /// Why a failed print failed: the API's error body (`id`, `status-code`, `message`, …), as
    /// the C# SDK reads it into its `ApiError`.
    #[serde(default)]
    pub error: Option<serde_json::Value>,
}

/// The C# SDK's `PrintDocumentResult`: the print, a PDF, in the contents service.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrintDocumentResult {
    /// The PDF's content, for `GET …/contents/{id}` (`download_content`).
    #[serde(rename = "content-id")]
    pub content_id: uuid::Uuid,
}

/// What to recognize: the content of an incoming demand's file, uploaded to the contents service.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecognizeRequest {
    /// The content, as `upload_content` answered (`id`).
    #[serde(rename = "content-id")]
    pub content_id: uuid::Uuid,
}

/// What the API read from a demand (the C# SDK's `RecognizeResult`); it also writes it into
/// the document's description. No answer is published, so no field is required. The dates
/// are the C# SDK's `DateOnly`, read from a date or a date-time at midnight.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecognizeResult {
    /// The demand's number.
    #[serde(rename = "demand-number", default)]
    pub demand_number: Option<String>,
    /// The KND (КНД) of a recognized order (поручение).
    #[serde(rename = "demand-knd", default)]
    pub demand_knd: Option<String>,
    /// The date in the demand's file.
    #[serde(rename = "demand-date", default)]
    pub demand_date: Option<chrono::NaiveDate>,
    /// The last day to send the receipt (acceptance or refusal).
    #[serde(rename = "receipt-deadline-date", default)]
    pub receipt_deadline_date: Option<chrono::NaiveDate>,
    /// The last day to answer the demand.
    #[serde(rename = "reply-deadline-date", default)]
    pub reply_deadline_date: Option<chrono::NaiveDate>,
    /// The INNs the demand's PDF names.
    #[serde(rename = "demand-inn-list", default)]
    pub demand_inn_list: Option<Vec<String>>,
}

/// The decrypted content to save into a docflow document.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveDecryptedContentRequest {
    /// The decrypted content, as `upload_content` answered (`id`); a compressed content is
    /// unpacked by the API.
    #[serde(rename = "content-id")]
    pub content_id: uuid::Uuid,
}

/// What a documents request to the social fund (СФР) is made with (the C# SDK's `GenerateDocumentsRequestRequest`).
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerateDocumentsRequestRequest {
    /// The certificate the request will be signed with (bytes; base64 on the wire).
    #[serde(rename = "certificate-base64")]
    pub certificate_base64: String,
    /// The machine-readable warrant (МЧД) to sign under, when the signer is a representative.
    #[serde(rename = "machine-readable-warrant-id", default, skip_serializing_if = "Option::is_none")]
    pub machine_readable_warrant_id: Option<uuid::Uuid>,
}
