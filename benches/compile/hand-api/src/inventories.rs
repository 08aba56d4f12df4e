// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The inventories (answers) sent to a demand's document, and their documents.

/// List the inventories (answers) sent to a demand's document, a page at a time.
pub mod list_inventory_docflows {

    impl crate::Client {
        /// List the inventories (answers) sent to a demand's document, a page at a time.
        ///
        /// An inventory (опись, `urn:docflow:fns534-inventory`) is the docflow that a sent answer to a
        /// demand becomes. It is known by three ids: its own, the incoming demand's docflow and the
        /// document of the demand (a `fns534-demand-attachment`) it answers; this route lists those
        /// of the last two. Filtered and paged as the docflow search is (`search_docflows`); the docs
        /// say "in the request body", but the C# SDK sends the filter in the query, as for the search.
        ///
        /// Described so far: `skip`, `take`, `finished`, `incoming`, `innKpp`, `orgId`,
        /// `updatedFrom`, `updatedTo` and `type`, as in docflow-page.yaml. The C# SDK's
        /// `DocflowFilter` sends more, all optional: `orderBy`, `createdFrom`, `createdTo`, `knd`,
        /// `okud`, `okpo`, `cu`, `regNumber`, `formName`, `demandsOnReports`, `periodFrom`,
        /// `periodTo`, `forAllUsers`, `pfrLetterCategory` and `successState`.
        pub async fn inventories_list(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, skip: Option<i64>, take: Option<i64>, finished: Option<bool>, incoming: Option<bool>, inn_kpp: Option<&str>, org_id: Option<uuid::Uuid>, updated_from: Option<chrono::DateTime<chrono::FixedOffset>>, updated_to: Option<chrono::DateTime<chrono::FixedOffset>>, r#type: Option<&[&str]>) -> Result<crate::extern_types::DocflowPage, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories", self.base_url, account_id, docflow_id, document_id);
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

/// Get an inventory docflow (an answer to a demand), with its status, documents and links.
pub mod get_inventory_docflow {

    impl crate::Client {
        /// Get an inventory docflow (an answer to a demand), with its status, documents and links.
        ///
        /// An inventory (опись, `urn:docflow:fns534-inventory`) is the docflow that a sent answer to a
        /// demand becomes, known by its own id and by the demand's docflow and document it answers. The
        /// answer is a docflow, as `get_docflow` gives one: status, description, documents with their
        /// signatures, and links, among them those for the reply documents (a receipt) when one is due.
        /// `None` when the API answers 404 with its error body (the C# SDK's `TryGetInventoryDocflowAsync`).
        pub async fn inventories_get(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid) -> Result<Option<crate::extern_types::Docflow>, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}", self.base_url, account_id, docflow_id, document_id, inventory_id);
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

/// Get the content of a signature of an inventory's document (a CMS), as bytes.
pub mod get_inventory_signature_content {

    impl crate::Client {
        /// Get the content of a signature of an inventory's document (a CMS), as bytes.
        ///
        /// The signature itself, a detached CMS (PKCS#7); its id is in the inventory docflow
        /// (`get_inventory_docflow`). Read as `get_docflow_signature_content` reads a docflow
        /// document's (ROUTES.md D8): a JSON string of base64, which the client decodes, as both SDKs
        /// read it; a bare base64 text answer, which no source shows, would fail with
        /// `Error::UnexpectedBody`.
        pub async fn inventories_signature_content(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid, inventory_document_id: uuid::Uuid, signature_id: uuid::Uuid) -> Result<String, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}/documents/{}/signatures/{}/content", self.base_url, account_id, docflow_id, document_id, inventory_id, inventory_document_id, signature_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start printing a document of an inventory into a PDF.
pub mod inventory_document_print {

    impl crate::Client {
        /// Start printing a document of an inventory into a PDF.
        ///
        /// As `docflow_document_print`, for a document of an inventory (`urn:docflow:fns534-inventory`):
        /// starts a task that prints the document, from its decrypted content uploaded to the contents
        /// service (`content-id`), into a PDF, after checking it against the document's signatures.
        /// The answer is the task, `running`: `.wait()` reads it with `get_inventory_document_task`
        /// until it is not; its `task-result` names the PDF in the contents service.
        /// `deferred=true` is always sent: the API refuses `deferred=false` (400). The docs give 202;
        /// any success status is taken. (The docs point at the draft task reader for the result,
        /// line 115; the C# SDK reads it at this inventory document's own `tasks`, as the Swagger link
        /// of that section, line 6, does.)
        pub async fn inventories_print(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid, inventory_document_id: uuid::Uuid, body: &crate::extern_docflow_types::PrintDocumentRequest) -> Result<crate::extern_docflow_types::PrintTask, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}/documents/{}/print", self.base_url, account_id, docflow_id, document_id, inventory_id, inventory_document_id);
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

/// Read a task (a print) of an inventory's document as it is now.
pub mod get_inventory_document_task {

    impl crate::Client {
        /// Read a task (a print) of an inventory's document as it is now.
        ///
        /// The task that `inventory_document_print` started. Read it again until its `task-state` is
        /// no longer `running`: then `task-result` names the printed PDF in the contents service
        /// (`download_content`), or `error` says why the print failed.
        pub async fn inventories_print_task(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid, inventory_document_id: uuid::Uuid, api_task_id: uuid::Uuid) -> Result<crate::extern_docflow_types::PrintTask, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}/documents/{}/tasks/{}", self.base_url, account_id, docflow_id, document_id, inventory_id, inventory_document_id, api_task_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
