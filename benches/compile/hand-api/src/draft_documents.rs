// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The documents of a draft, documents built from a contract, and their prints.

/// Read a document of a draft.
pub mod get_draft_document {

    impl crate::Client {
        /// Read a document of a draft.
        ///
        /// The document as it is now: its description (recognised by the API from the content, or as
        /// given), its contents and signatures. The C# SDK has no "not found" variant of this call, so
        /// a missing document is `Error::Api` (404).
        pub async fn draft_documents_get(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<crate::extern_types::DraftDocument, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}", self.base_url, account_id, draft_id, document_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Replace a document of a draft (its content, signature, description).
pub mod update_draft_document {

    impl crate::Client {
        /// Replace a document of a draft (its content, signature, description).
        ///
        /// Sends the document as `add_draft_document` does (an uploaded content by its id, and
        /// optionally a signature and a description) in place of the document with this id, and
        /// answers the document as it now is. Any success status is taken: the docs document none.
        pub async fn draft_documents_update(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, body: &crate::extern_types::DraftDocumentRequest) -> Result<crate::extern_types::DraftDocument, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}", self.base_url, account_id, draft_id, document_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Delete a document of a draft.
pub mod delete_draft_document {

    impl crate::Client {
        /// Delete a document of a draft.
        ///
        /// Deletes the document and its signatures from the draft. A document that does not exist is
        /// "not found": the call returns `None`, as the C# SDK returns `false`.
        pub async fn draft_documents_delete(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}", self.base_url, account_id, draft_id, document_id);
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

/// Build the file of a draft's document from a contract (an ION request, a subscription).
pub mod build_draft_document {

    impl crate::Client {
        /// Build the file of a draft's document from a contract (an ION request, a subscription).
        ///
        /// Some formalised documents (ION requests to the tax service, FSS SEDO subscriptions) can be
        /// built by the API from a contract, a JSON object whose shape depends on `type`
        /// (docs/test/contracts.rst): the file is made in the existing, empty document of the draft,
        /// and the answer is empty. Sign the document afterwards. The body is any JSON value
        /// (`serde_json::Value`), sent as it is.
        ///
        /// `type` follows the vendor docs, which list `ION3` to `ION9` and
        /// `fssSedoProviderSubscriptionForRegistrationNumber`; the C# SDK's other
        /// `DocumentFormatType` names (`USN`, `ION1`, `ION2`, `ZPED` and two more FSS SEDO
        /// subscriptions) are listed too, and any other value can be sent as `Type::Unknown`. The C#
        /// SDK writes its enum names as they are (`FssSedoProviderSubscriptionForRegistrationNumber`);
        /// the docs spell that one in camelCase, as here. The docs say `version` is always 3 for
        /// ION requests and is not used for the EDOK application; the Java SDK sends 2 for ION
        /// (`DraftServiceImpl.java`): the docs are followed.
        pub async fn draft_documents_build(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, r#type: &str, version: Option<i64>, body: &serde_json::Value) -> Result<(), crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/build", self.base_url, account_id, draft_id, document_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("type", r#type.to_string()));
            if let Some(value) = version { query.push(("version", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            response.error_for_status()?;
            Ok(())
        }
    }
}

/// Build a new document of a draft from a contract (an ION request, a subscription).
pub mod build_new_draft_document {

    impl crate::Client {
        /// Build a new document of a draft from a contract (an ION request, a subscription).
        ///
        /// As `build_draft_document`, but the API makes the document itself and answers it: the
        /// document of this `type` is created in the draft (or replaced, the docs say) with the file
        /// built from the contract. Sign it afterwards. The body is any JSON value
        /// (`serde_json::Value`), sent as it is.
        ///
        /// `type` follows the vendor docs, which list `ION3` to `ION7` and
        /// `fssSedoProviderSubscriptionForRegistrationNumber` for this method (and `ION8`, `ION9`
        /// for `…/build`, listed here too); the C# SDK's other `DocumentFormatType` names (`USN`,
        /// `ION1`, `ION2`, `ZPED` and two more FSS SEDO subscriptions) are listed as well, and any
        /// other value can be sent as `Type::Unknown`. The docs say `version` is always 3 for ION
        /// requests; the Java SDK sends 2 (`DraftServiceImpl.java`): the docs are followed.
        pub async fn draft_documents_build_document(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, r#type: &str, version: Option<i64>, body: &serde_json::Value) -> Result<crate::extern_types::DraftDocument, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/build-document", self.base_url, account_id, draft_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("type", r#type.to_string()));
            if let Some(value) = version { query.push(("version", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start printing a draft's document into a PDF.
pub mod draft_document_print {

    impl crate::Client {
        /// Start printing a draft's document into a PDF.
        ///
        /// Starts a task that prints a formalized document of a draft into a PDF, from the contents
        /// already in the draft (no body: unlike a docflow print, this one is a GET). A draft not yet
        /// sent prints without stamps; a sent one, whose docflow is found, prints with them, as in the
        /// docflow. Only some document types print; otherwise the API answers 400.
        ///
        /// The answer is the task, `running`: `.wait()` reads it with `get_draft_document_task`
        /// (`GET …/documents/{documentId}/tasks/{apiTaskId}`, which the docs name and the C# SDK has no
        /// method for, ROUTES.md D4) until it is not; its `task-result` names the PDF in the contents
        /// service (`download_content`). `deferred=true` is always sent: the docs say the route takes
        /// only `true` and answers `false` with 400. The docs give 202; any success status is taken.
        pub async fn draft_documents_print(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<crate::extern_docflow_types::PrintTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/print", self.base_url, account_id, draft_id, document_id);
            let mut request = self.http.get(url);
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

/// Read a task (a print) of a draft's document as it is now.
pub mod get_draft_document_task {

    impl crate::Client {
        /// Read a task (a print) of a draft's document as it is now.
        ///
        /// The task that `draft_document_print` started. Read it again until its `task-state` is no
        /// longer `running`: then `task-result` names the printed PDF in the contents service
        /// (`download_content`), or `error` says why the print failed. The docs name this route
        /// and say what a done task holds (the content's id); the C# SDK has no method for it, so the
        /// task's JSON is assumed to be the docflow print task's.
        pub async fn draft_documents_print_task(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, api_task_id: uuid::Uuid) -> Result<crate::extern_docflow_types::PrintTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/tasks/{}", self.base_url, account_id, draft_id, document_id, api_task_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
