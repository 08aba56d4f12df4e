// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The documents (containers of files) of a drafts builder.

/// Create a document (a container for files) in a drafts builder.
pub mod create_drafts_builder_document {

    impl crate::Client {
        /// Create a document (a container for files) in a drafts builder.
        ///
        /// Add one document per set of files that belong together (one scanned document's pages, a
        /// formalized file and its counterparty's signature). `builder-data` has the shape of the
        /// builder's type (`DocumentDataRequest`; the request names no type). The answer is the document;
        /// the docs name no status, so 200 is documented and any 2xx taken.
        pub async fn builder_documents_create(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, body: &crate::extern_builder_types::DraftsBuilderDocumentMetaRequest) -> Result<crate::extern_builder_types::DraftsBuilderDocument, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents", self.base_url, account_id, builder_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// List a drafts builder's documents.
pub mod list_drafts_builder_documents {

    impl crate::Client {
        /// List a drafts builder's documents.
        ///
        /// Every document of the builder, each with its id, the builder's id and its meta. The answer is
        /// a JSON array, not a page: the API has no paging here.
        pub async fn builder_documents_list(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid) -> Result<Vec<crate::extern_builder_types::DraftsBuilderDocument>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents", self.base_url, account_id, builder_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start preparing a drafts builder's documents before the build.
pub mod drafts_builder_prepare_documents {

    impl crate::Client {
        /// Start preparing a drafts builder's documents before the build.
        ///
        /// Starts a task that prepares (checks and converts) the builder's documents, so that the build
        /// is quicker. The answer is the task, `running`: read it with `get_drafts_builder_task` until it
        /// is not, as `.wait()` on the call does (`task:` above); its result lists the documents with
        /// errors. Always a task: the C# SDK's `StartPrepareDocumentsAsync` sends no query and no body and
        /// reads the task. The route is in the C# SDK only: neither the docs nor the Java SDK have it
        /// (ROUTES.md D14), so everything here is from the C# model.
        pub async fn builder_documents_prepare(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid) -> Result<crate::extern_builder_types::DraftsBuilderTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/prepare", self.base_url, account_id, builder_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a drafts builder's document, or learn that there is none with this id.
pub mod get_drafts_builder_document {

    impl crate::Client {
        /// Get a drafts builder's document, or learn that there is none with this id.
        ///
        /// The document: its id, the builder's id and its meta. A document that does not exist is "not
        /// found": the call returns `None`, as the C# SDK's `TryGetDocumentAsync` returns null.
        pub async fn builder_documents_get(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<Option<crate::extern_builder_types::DraftsBuilderDocument>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}", self.base_url, account_id, builder_id, document_id);
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

/// Delete a drafts builder's document with its files.
pub mod delete_drafts_builder_document {

    impl crate::Client {
        /// Delete a drafts builder's document with its files.
        ///
        /// A document that does not exist is "not found": the call returns `None` (the C# SDK's
        /// `DeleteDocumentAsync` returns false on a 404 with the API's error body).
        pub async fn builder_documents_delete(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}", self.base_url, account_id, builder_id, document_id);
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

/// Get the meta of a drafts builder's document, or learn that there is none.
pub mod get_drafts_builder_document_meta {

    impl crate::Client {
        /// Get the meta of a drafts builder's document, or learn that there is none.
        ///
        /// The document's builder type and `builder-data`. A document that does not exist is "not
        /// found": the call returns `None`, as the C# SDK's `TryGetDocumentMetaAsync` returns null.
        pub async fn builder_documents_meta(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<Option<crate::extern_builder_types::DraftsBuilderDocumentMeta>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/meta", self.base_url, account_id, builder_id, document_id);
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

/// Replace the meta of a drafts builder's document.
pub mod update_drafts_builder_document_meta {

    impl crate::Client {
        /// Replace the meta of a drafts builder's document.
        ///
        /// Sends the document's `builder-data` again, as create does (`DraftsBuilderDocumentMetaRequest`);
        /// the answer is the meta as kept. A document whose background processing has started is locked.
        pub async fn builder_documents_update_meta(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, body: &crate::extern_builder_types::DraftsBuilderDocumentMetaRequest) -> Result<crate::extern_builder_types::DraftsBuilderDocumentMeta, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/meta", self.base_url, account_id, builder_id, document_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
