// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The documents of a docflow, their signatures and prints.

/// List every document of a docflow.
pub mod list_docflow_documents {

    impl crate::Client {
        /// List every document of a docflow.
        ///
        /// Every document created or received in the docflow so far, as `get_docflow` lists them in
        /// its `documents`, without the docflow itself. The answer is a JSON array, not a page. The C#
        /// SDK reads it with its long-operation timeout: a docflow may hold many documents.
        pub async fn docflow_documents_list(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid) -> Result<Vec<crate::extern_types::Document>, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents", self.base_url, account_id, docflow_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get one document of a docflow, with its description, contents and signatures.
pub mod get_docflow_document {

    impl crate::Client {
        /// Get one document of a docflow, with its description, contents and signatures.
        ///
        /// A document created or received in the docflow: its description (type, file name, sizes,
        /// whether it can be printed or recognized), where its contents are (encrypted, decrypted, and
        /// their ids in the contents service) and its signatures. `None` when the API answers 404 with
        /// its error body (the C# SDK's `TryGetDocumentAsync`).
        pub async fn docflow_documents_get(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<Option<crate::extern_types::Document>, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}", self.base_url, account_id, docflow_id, document_id);
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

/// Change a demand document's requisites (comment, labels, assignee, …) with JSON Patch operations.
pub mod patch_docflow_document {

    impl crate::Client {
        /// Change a demand document's requisites (comment, labels, assignee, …) with JSON Patch operations.
        ///
        /// The docs name the requisites of a demand (требование) document it changes, under
        /// `/description/requisites/`: `comment` (one), `labels` (any number), `demand-number`,
        /// `assignees` (one user, who is then mailed the demand), `demand-status` and `demand-date`;
        /// each with `add`, `replace` or `remove`. The answer is the document as it is now.
        ///
        /// The body is a JSON array of operations, as the C# SDK sends `JsonPatchDocument.Operations`
        /// (ROUTES.md D15); the docs show single operation objects, which this spec takes for excerpts of
        /// such an array. Sent as `application/json`, as the C# SDK does; the docs name no media type.
        pub async fn docflow_documents_patch(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, body: &Vec<crate::extern_docflow_types::PatchOperation>) -> Result<crate::extern_types::Document, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.patch(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Recognize an incoming demand's number, date, INNs (and an order's KND) from its file.
pub mod recognize_docflow_document {

    impl crate::Client {
        /// Recognize an incoming demand's number, date, INNs (and an order's KND) from its file.
        ///
        /// Reads the number and date of a demand (требование), the INNs it lists and, for an order
        /// (поручение), its KND, from the demand's file uploaded to the contents service; the result
        /// is also written into the document's metadata. The document's `support-recognition` says
        /// whether it can be recognized.
        pub async fn docflow_documents_recognize(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, body: &crate::extern_docflow_types::RecognizeRequest) -> Result<crate::extern_docflow_types::RecognizeResult, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/recognize", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get the description of a docflow document.
pub mod get_docflow_document_description {

    impl crate::Client {
        /// Get the description of a docflow document.
        ///
        /// The `description` of the document alone: its type, file name, content type and sizes,
        /// whether it is compressed, its requisites, and whether it can be recognized and printed
        /// (`support-print`: `yes`, `no`, or `unknown` when the API could not tell).
        pub async fn docflow_documents_description(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<crate::extern_types::DocumentDescription, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/description", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// List the signatures of a docflow document.
pub mod list_docflow_document_signatures {

    impl crate::Client {
        /// List the signatures of a docflow document.
        ///
        /// Every signature of the document (a document may have several): who signed, the
        /// certificate's thumbprint, and a link to the signature's content. A JSON array, not a page.
        pub async fn docflow_documents_signatures(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<Vec<crate::extern_types::Signature>, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/signatures", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get one signature of a docflow document.
pub mod get_docflow_document_signature {

    impl crate::Client {
        /// Get one signature of a docflow document.
        ///
        /// The signature's metadata (who signed, the certificate's thumbprint) and the link to its
        /// content, which `get_docflow_signature_content` reads.
        pub async fn docflow_documents_signature(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, signature_id: uuid::Uuid) -> Result<crate::extern_types::Signature, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/signatures/{}", self.base_url, account_id, docflow_id, document_id, signature_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get the content of a docflow document's signature (a CMS), as bytes.
pub mod get_docflow_signature_content {

    impl crate::Client {
        /// Get the content of a docflow document's signature (a CMS), as bytes.
        ///
        /// The signature itself, a detached CMS (PKCS#7) of the document.
        ///
        /// On the wire (ROUTES.md D8): the API answers a JSON string holding the signature in base64,
        /// and this spec reads it as such, a JSON body of type `bytes` that the client decodes from
        /// base64. Both SDKs read that: the C# SDK asks for a `string` and decodes the base64, and its
        /// HTTP layer takes the raw text only under the media type `plain/text` (so spelled), which no
        /// server sends, so in practice it reads a JSON string; the Java SDK's `byte[]` answer goes
        /// through Gson, whose adapter reads a base64 JSON string (the route table's "Java reads raw
        /// bytes" misreads this: only a `@Raw` answer is read raw). A `text: true` outcome would hand the
        /// caller the quotes and the base64 to undo, and `binary` the same bytes; neither is chosen.
        /// Should the server answer the base64 as bare text instead (the docs say only "в формате
        /// base64", and publish no exchange), the call fails with `Error::UnexpectedBody`, the body not
        /// being JSON: then this spec needs a `text: true` outcome.
        pub async fn docflow_documents_signature_content(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, signature_id: uuid::Uuid) -> Result<String, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/signatures/{}/content", self.base_url, account_id, docflow_id, document_id, signature_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Save a decrypted (and unpacked) content into a docflow document.
pub mod save_docflow_decrypted_content {
    use serde::{Deserialize, Serialize};

    /// The saved content (the C# SDK's `SaveDecryptedContentResult`). No answer is published, so
    /// only the content's id is required.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct SaveDecryptedContentResult {
        /// The decrypted content as the document now holds it.
        #[serde(rename = "content-id")]
        pub content_id: uuid::Uuid,
        /// Links for working with the document and the docflow.
        #[serde(default)]
        pub links: Option<Vec<crate::extern_types::Link>>,
    }

    impl crate::Client {
        /// Save a decrypted (and unpacked) content into a docflow document.
        ///
        /// Upload the decrypted content to the contents service first (`upload_content`); a compressed
        /// content is unpacked by the API. Once saved, the content is among the document's
        /// `content.docflow-document-contents` with `encrypted` and `compressed` both `false`, so the
        /// document can then be printed without decrypting it again.
        pub async fn docflow_documents_save_decrypted_content(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, body: &crate::extern_docflow_types::SaveDecryptedContentRequest) -> Result<SaveDecryptedContentResult, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/decrypted-content", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start printing a docflow document into a PDF.
pub mod docflow_document_print {

    impl crate::Client {
        /// Start printing a docflow document into a PDF.
        ///
        /// Starts a task that prints the document into a PDF, from its decrypted and unpacked content
        /// (`content-id`, uploaded to the contents service first; a compressed content is unpacked by
        /// the API). The API checks the content against the document's signatures first, so a changed
        /// document fails. Only some document types print, from `application/octet-stream`,
        /// `application/xml` or `text/xml` contents; the document's `support-print` tells in advance
        /// (`yes`, `no`, or `unknown`: try). Otherwise the API answers 400 `documentPrintUnsupported`.
        ///
        /// The answer is the task, `running`: `.wait()` reads it with `get_docflow_document_task`
        /// until it is not; its `task-result` names the PDF in the contents service
        /// (`download_content`). The docs advise 5 s between reads, as `.wait()` does by default.
        /// `deferred=true` is always sent: the API refuses `deferred=false` (400). The prose gives 202,
        /// the documented exchange 200 (ROUTES.md D11); any success status is taken.
        pub async fn docflow_documents_print(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, body: &crate::extern_docflow_types::PrintDocumentRequest) -> Result<crate::extern_docflow_types::PrintTask, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/print", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("deferred", "true".to_owned()));
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Read a docflow document's task (a print) as it is now.
pub mod get_docflow_document_task {

    impl crate::Client {
        /// Read a docflow document's task (a print) as it is now.
        ///
        /// The task that `docflow_document_print` started. Read it again until its `task-state` is no
        /// longer `running` (the docs advise every 5 s): then `task-result` names the printed PDF in
        /// the contents service (`download_content`), or `error` says why the print failed.
        pub async fn docflow_documents_print_task(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, api_task_id: uuid::Uuid) -> Result<crate::extern_docflow_types::PrintTask, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/tasks/{}", self.base_url, account_id, docflow_id, document_id, api_task_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// List the docflows related to a document of an incoming docflow, a page at a time.
pub mod related_docflows {

    impl crate::Client {
        /// List the docflows related to a document of an incoming docflow, a page at a time.
        ///
        /// The docflows that answer an incoming docflow's document, such as the replies to a demand
        /// and the letters about it. Filtered and paged as the docflow search is (`search_docflows`),
        /// and with the same query parameters.
        ///
        /// Described so far: `skip`, `take`, `finished`, `incoming`, `innKpp`, `orgId`,
        /// `updatedFrom`, `updatedTo` and `type`, as in docflow-page.yaml. The C# SDK's
        /// `DocflowFilter` sends more, all optional: `orderBy`, `createdFrom`, `createdTo`, `knd`,
        /// `okud`, `okpo`, `cu`, `regNumber`, `formName`, `demandsOnReports`, `periodFrom`,
        /// `periodTo`, `forAllUsers`, `pfrLetterCategory` and `successState`.
        pub async fn docflow_documents_related(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, skip: Option<i64>, take: Option<i64>, finished: Option<bool>, incoming: Option<bool>, inn_kpp: Option<&str>, org_id: Option<uuid::Uuid>, updated_from: Option<chrono::DateTime<chrono::FixedOffset>>, updated_to: Option<chrono::DateTime<chrono::FixedOffset>>, r#type: Option<&[&str]>) -> Result<crate::extern_types::DocflowPage, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/related", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            if let Some(value) = take { query.push(("take", value.to_string())); }
            if let Some(value) = finished { query.push(("finished", value.to_string())); }
            if let Some(value) = incoming { query.push(("incoming", value.to_string())); }
            if let Some(value) = inn_kpp { query.push(("innKpp", value.to_string())); }
            if let Some(value) = org_id { query.push(("orgId", value.to_string())); }
            if let Some(value) = updated_from { query.push(("updatedFrom", value.to_rfc3339())); }
            if let Some(value) = updated_to { query.push(("updatedTo", value.to_rfc3339())); }
            if let Some(value) = r#type { for value in value { query.push(("type", value.to_string())); } }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
