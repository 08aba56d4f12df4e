// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The files of a drafts builder's document.

/// Create a file in a drafts builder's document.
pub mod create_drafts_builder_file {

    impl crate::Client {
        /// Create a file in a drafts builder's document.
        ///
        /// Upload the file's content to the contents service first (`contents.upload`), then name it
        /// here by `content-id`, with the counterparty's signature in base64 when the file has one, and
        /// the file's meta. The answer is the file; the docs name no status, so 200 is documented and any
        /// 2xx taken.
        pub async fn builder_files_create(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, body: &crate::extern_builder_types::DraftsBuilderFileRequest) -> Result<crate::extern_builder_types::DraftsBuilderDocumentFile, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files", self.base_url, account_id, builder_id, document_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Generate a file in a drafts builder's document from a JSON contract.
pub mod generate_drafts_builder_file {

    impl crate::Client {
        /// Generate a file in a drafts builder's document from a JSON contract.
        ///
        /// The server makes the file from a JSON contract (the document's data as JSON) instead of an
        /// uploaded content. The body is the contract as it is (`json`: any JSON, sent unchanged, as the C#
        /// SDK's `GenerateFileAsync` sends its `string contract` with `WithJson`); `version` is the
        /// contract's version, sent when set. The route is in the C# SDK only: neither the docs nor the
        /// Java SDK have it (ROUTES.md D14), and no source says what a contract holds.
        pub async fn builder_files_generate(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, version: Option<i64>, body: &serde_json::Value) -> Result<crate::extern_builder_types::DraftsBuilderDocumentFile, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files/generate", self.base_url, account_id, builder_id, document_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
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

/// List the files of a drafts builder's document.
pub mod list_drafts_builder_files {

    impl crate::Client {
        /// List the files of a drafts builder's document.
        ///
        /// Every file of the document. The answer is a JSON array, not a page: the API has no paging here.
        pub async fn builder_files_list(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid) -> Result<Vec<crate::extern_builder_types::DraftsBuilderDocumentFile>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files", self.base_url, account_id, builder_id, document_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a file of a drafts builder's document, or learn that there is none.
pub mod get_drafts_builder_file {

    impl crate::Client {
        /// Get a file of a drafts builder's document, or learn that there is none.
        ///
        /// The file: its ids, `content-id`, the link to its signature and its meta. A file that does not
        /// exist is "not found": the call returns `None`, as the C# SDK's `TryGetFileAsync` returns null.
        pub async fn builder_files_get(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, file_id: uuid::Uuid) -> Result<Option<crate::extern_builder_types::DraftsBuilderDocumentFile>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files/{}", self.base_url, account_id, builder_id, document_id, file_id);
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

/// Replace a file of a drafts builder's document (content, signature and meta).
pub mod update_drafts_builder_file {

    impl crate::Client {
        /// Replace a file of a drafts builder's document (content, signature and meta).
        ///
        /// Sends the whole file again, as create does (`DraftsBuilderFileRequest`). The docs say a file
        /// that does not exist is created with this id ("docs/builder/методы билдера.rst", line 461).
        pub async fn builder_files_update(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, file_id: uuid::Uuid, body: &crate::extern_builder_types::DraftsBuilderFileRequest) -> Result<crate::extern_builder_types::DraftsBuilderDocumentFile, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files/{}", self.base_url, account_id, builder_id, document_id, file_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Delete a file of a drafts builder's document.
pub mod delete_drafts_builder_file {

    impl crate::Client {
        /// Delete a file of a drafts builder's document.
        ///
        /// A file that does not exist is "not found": the call returns `None` (the C# SDK's
        /// `DeleteFileAsync` returns false on a 404 with the API's error body).
        pub async fn builder_files_delete(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, file_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files/{}", self.base_url, account_id, builder_id, document_id, file_id);
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

/// Get the meta of a file of a drafts builder's document, or learn that there is none.
pub mod get_drafts_builder_file_meta {

    impl crate::Client {
        /// Get the meta of a file of a drafts builder's document, or learn that there is none.
        ///
        /// The file's name, builder type and `builder-data`. A file that does not exist is "not found":
        /// the call returns `None`, as the C# SDK's `TryGetFileMetaAsync` returns null.
        pub async fn builder_files_meta(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, file_id: uuid::Uuid) -> Result<Option<crate::extern_builder_types::DraftsBuilderDocumentFileMeta>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files/{}/meta", self.base_url, account_id, builder_id, document_id, file_id);
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

/// Replace the meta of a file of a drafts builder's document.
pub mod update_drafts_builder_file_meta {

    impl crate::Client {
        /// Replace the meta of a file of a drafts builder's document.
        ///
        /// Sends the file's name and `builder-data` (`DraftsBuilderFileMetaRequest`); the answer is the
        /// meta as kept.
        pub async fn builder_files_update_meta(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, file_id: uuid::Uuid, body: &crate::extern_builder_types::DraftsBuilderFileMetaRequest) -> Result<crate::extern_builder_types::DraftsBuilderDocumentFileMeta, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files/{}/meta", self.base_url, account_id, builder_id, document_id, file_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get the signature of a file of a drafts builder's document (a CMS), as bytes.
pub mod get_drafts_builder_file_signature {

    impl crate::Client {
        /// Get the signature of a file of a drafts builder's document (a CMS), as bytes.
        ///
        /// The counterparty's signature that was sent with the file, decoded from the base64 the API
        /// sends ("docs/builder/методы билдера.rst", line 468: "в формате base64"). A file without it,
        /// or that does not exist, is "not found": the call returns `None`, as the C# SDK's
        /// `TryGetSignatureAsync` returns null.
        ///
        /// Read as a JSON string of base64 (a JSON body of type `bytes`), as the docflow and draft
        /// signature contents are (ROUTES.md D8): the C# SDK, which works against the server, reads it
        /// with `GetAsync<string>` (a JSON content type, or only the literal media type `plain/text`,
        /// which no server sends) and then `Convert.FromBase64String`. The Java SDK reads the body as
        /// raw bytes (RetrofitCommonDraftsBuilderDocumentFilesApi.java:80) and does not decode it.
        /// Should the server answer the base64 as bare text, the call fails with
        /// `Error::UnexpectedBody`, and this spec needs a `text: true` outcome. Not checked against a
        /// server.
        pub async fn builder_files_signature(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, document_id: uuid::Uuid, file_id: uuid::Uuid) -> Result<Option<String>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/documents/{}/files/{}/signature", self.base_url, account_id, builder_id, document_id, file_id);
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
