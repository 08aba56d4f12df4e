// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The drafts of an account.

/// Create a draft with its meta (sender, recipient, payer).
pub mod create_draft {

    impl crate::Client {
        /// Create a draft with its meta (sender, recipient, payer).
        ///
        /// The first step of sending reporting: create a draft, then upload the contents, add a
        /// document per file, sign, check, prepare and send it. The answer is the new draft: its id,
        /// the meta as sent plus the names the server fills in, the status `new` and links. The meta
        /// can be changed later (`PUT /v1/{accountId}/drafts/{draftId}/meta`, `update_draft_meta`).
        pub async fn drafts_create(&self, account_id: uuid::Uuid, body: &crate::extern_types::DraftMetaRequest) -> Result<crate::extern_types::Draft, crate::Error> {
            let url = format!("{}/v1/{}/drafts", self.base_url, account_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a draft, or learn that there is none with this id.
pub mod get_draft {

    impl crate::Client {
        /// Get a draft, or learn that there is none with this id.
        ///
        /// The draft as it is now: its meta, links to its documents, its status, and links to the
        /// docflow once it has been sent. A draft that does not exist is "not found": the call returns
        /// `None`.
        pub async fn drafts_get(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid) -> Result<Option<crate::extern_types::Draft>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}", self.base_url, account_id, draft_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            if response.status() == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            let response = response.error_for_status()?;
            Ok(Some(response.json().await?))
        }
    }
}

/// Delete a draft.
pub mod delete_draft {

    impl crate::Client {
        /// Delete a draft.
        ///
        /// Deletes the draft and its documents. A draft that does not exist is "not found": the call
        /// returns `None`. A draft locked by a running task (signing, checking, sending) answers 409,
        /// `Error::Api` with the id `urn:error:externapi:concurrentApiTaskActive`; it is not retried.
        pub async fn drafts_delete(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}", self.base_url, account_id, draft_id);
            let mut request = self.http.delete(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            if response.status() == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            response.error_for_status()?;
            Ok(Some(()))
        }
    }
}

/// Add a document to a draft.
pub mod add_draft_document {

    impl crate::Client {
        /// Add a document to a draft.
        ///
        /// Adds a document made of a content uploaded before (`upload_content`, by its `id`), with an
        /// optional signature and description; the answer is the document as the API describes it.
        /// The documented answer is 200; any success status is taken.
        pub async fn drafts_add_document(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, body: &crate::extern_types::DraftDocumentRequest) -> Result<crate::extern_types::DraftDocument, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents", self.base_url, account_id, draft_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Add a signature to a document of a draft.
pub mod add_draft_signature {

    impl crate::Client {
        /// Add a signature to a document of a draft.
        ///
        /// Adds a signature (CMS, detached, base64) of the document's content. The documented answer
        /// is 200; any success status is taken.
        pub async fn drafts_add_signature(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, body: &crate::extern_types::DraftSignatureRequest) -> Result<crate::extern_types::DraftSignature, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/signatures", self.base_url, account_id, draft_id, document_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start checking a draft.
pub mod draft_check {

    impl crate::Client {
        /// Start checking a draft.
        ///
        /// Starts a task that checks the draft's documents (format, signatures) and gives the findings. The answer is the task, `running`: read it again with
        /// `get_draft_task` (`GET …/drafts/{draftId}/tasks/{apiTaskId}`) until it is not, as
        /// `.wait()` on the call does (`task:` above). The
        /// documented answer is 200; any success status is taken. `deferred=true` is always sent: the
        /// API has refused `deferred=false` since May 2022 (docs/recommendations.rst).
        pub async fn drafts_check(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid) -> Result<crate::extern_types::DraftTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/check", self.base_url, account_id, draft_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("deferred", "true".to_owned()));
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start preparing a draft for sending.
pub mod draft_prepare {

    impl crate::Client {
        /// Start preparing a draft for sending.
        ///
        /// Starts a task that checks the draft again and encrypts its documents for the recipient; its result says whether the draft can be sent. The answer is the task, `running`: read it again with
        /// `get_draft_task` (`GET …/drafts/{draftId}/tasks/{apiTaskId}`) until it is not, as
        /// `.wait()` on the call does (`task:` above). The
        /// documented answer is 200; any success status is taken. `deferred=true` is always sent: the
        /// API has refused `deferred=false` since May 2022 (docs/recommendations.rst).
        pub async fn drafts_prepare(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid) -> Result<crate::extern_types::DraftTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/prepare", self.base_url, account_id, draft_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("deferred", "true".to_owned()));
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start sending a draft.
pub mod draft_send {

    impl crate::Client {
        /// Start sending a draft.
        ///
        /// Starts a task that sends the prepared draft; its result is the docflow the draft became, or why it was not sent. The answer is the task, `running`: read it again with
        /// `get_draft_task` (`GET …/drafts/{draftId}/tasks/{apiTaskId}`) until it is not, as
        /// `.wait()` on the call does (`task:` above). The
        /// documented answer is 200; any success status is taken. `deferred=true` is always sent: the
        /// API has refused `deferred=false` since May 2022 (docs/recommendations.rst).
        ///
        /// A send the server refuses (the check found errors, say) answers 400 with the task, whose
        /// `task-result` says why (`SendResult::Failure`, a `SendFailure`): the outcome `refused`, a
        /// result, not an error, as the C# SDK reads it (`StartSendDraftAsync` takes a 400 with a JSON
        /// body as `ApiTaskResult<IDocflowWithDocuments, SendFailure>`). A 400 with the API's error
        /// body (a malformed request) stays `Error::Api`. So the call's `Response` is an enum:
        /// `Response::Started` or `Response::Refused`, each holding a `DraftTask`.
        pub async fn drafts_send(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, force: Option<bool>) -> Result<crate::extern_types::DraftTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/send", self.base_url, account_id, draft_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("deferred", "true".to_owned()));
            if let Some(value) = force { query.push(("force", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Read a draft's task (check, prepare, send) as it is now.
pub mod get_draft_task {

    impl crate::Client {
        /// Read a draft's task (check, prepare, send) as it is now.
        ///
        /// The task that `draft_check`, `draft_prepare` or `draft_send` started. Read it again until
        /// its `task-state` is no longer `running`: then `task-result` holds the check's findings, the
        /// prepared draft, or the docflow the draft became (`DraftTaskResult`, chosen by `task-type`),
        /// or `error` says why it failed. A send the server refused answers 400 with the task, whose
        /// `task-result` says why (`SendResult::Failure`, a `SendFailure`): the outcome `refused`, a
        /// result, not an error, as the C# SDK reads it (`GetSendDraftTaskStatusAsync` takes a 400
        /// with a JSON body as `ApiTaskResult<IDocflowWithDocuments, SendFailure>`); it is final, so
        /// `.wait()` ends there. A 400 with the API's error body stays `Error::Api`. So the call's
        /// `Response` is an enum: `Response::Read` or `Response::Refused`, each holding a `DraftTask`.
        pub async fn drafts_task(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, api_task_id: uuid::Uuid) -> Result<crate::extern_types::DraftTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/tasks/{}", self.base_url, account_id, draft_id, api_task_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Read the meta of a draft (sender, recipient, payer, additional information).
pub mod get_draft_meta {

    impl crate::Client {
        /// Read the meta of a draft (sender, recipient, payer, additional information).
        ///
        /// Only the meta of the draft, as `get_draft` shows it in `meta`: the request it was created
        /// or last updated with, plus what the server fills in (the sender's and payer's names). The
        /// C# SDK has no "not found" variant of this call, so a missing draft is `Error::Api` (404).
        pub async fn drafts_meta(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid) -> Result<crate::extern_types::DraftMeta, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/meta", self.base_url, account_id, draft_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Replace the meta of a draft (sender, recipient, payer, additional information).
pub mod update_draft_meta {

    impl crate::Client {
        /// Replace the meta of a draft (sender, recipient, payer, additional information).
        ///
        /// Sends the whole meta, as `create_draft` does, and answers the meta as the draft now has it
        /// (with the names the server fills in). Any success status is taken: the docs document none.
        pub async fn drafts_update_meta(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, body: &crate::extern_types::DraftMetaRequest) -> Result<crate::extern_types::DraftMeta, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/meta", self.base_url, account_id, draft_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// List the tasks of a draft (check, prepare, send, …), a page at a time.
pub mod list_draft_tasks {
    use serde::{Deserialize, Serialize};

    /// A page of a draft's tasks; the C# SDK's `ApiTaskPage`.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct ApiTaskPage {
        /// How many tasks were skipped.
        pub skip: i64,
        /// How many tasks were asked for.
        pub take: i64,
        /// How many tasks there are in all.
        #[serde(rename = "total-count")]
        pub total_count: i64,
        /// The tasks of this page.
        #[serde(rename = "api-task-page-items")]
        pub api_task_page_items: Vec<ApiTaskStatus>,
    }

    /// A task of the draft as the list shows it (the C# SDK's `ApiTaskStatus`): its state, not
    /// its result; read the task itself (`get_draft_task`) for that.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct ApiTaskStatus {
        /// The task's id, for `GET …/drafts/{draftId}/tasks/{apiTaskId}`.
        pub id: uuid::Uuid,
        #[serde(rename = "task-state")]
        pub task_state: crate::extern_types::DraftTaskState,
        /// What the task does (`urn:task-type:check`, `urn:task-type:send`, …).
        #[serde(rename = "task-type", default)]
        pub task_type: Option<String>,
        /// Where the task's result is, when the server gives a link.
        #[serde(rename = "task-result-link", default)]
        pub task_result_link: Option<crate::extern_types::Link>,
    }

    impl crate::Client {
        /// List the tasks of a draft (check, prepare, send, …), a page at a time.
        ///
        /// Each task's id, type and state. Finished tasks that no longer hold the draft are listed
        /// only with `includeReleased=true`, as the name of the C# SDK's parameter says (the docs do
        /// not describe it). The C# SDK sends `skip`, `take` and `includeReleased` only when given,
        /// the Java SDK always: here each is sent when set.
        pub async fn drafts_tasks(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, skip: Option<i64>, take: Option<i64>, include_released: Option<bool>) -> Result<ApiTaskPage, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/tasks", self.base_url, account_id, draft_id);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            if let Some(value) = take { query.push(("take", value.to_string())); }
            if let Some(value) = include_released { query.push(("includeReleased", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
