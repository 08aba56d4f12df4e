// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The signatures of a draft's document.

/// Read a signature of a draft's document.
pub mod get_draft_signature {

    impl crate::Client {
        /// Read a signature of a draft's document.
        ///
        /// The signature's id, its certificate's thumbprint, who signed, and links (the content, the
        /// document, the draft). The route is the C# SDK's (`GetSignatureAsync`); the docs link no
        /// method of this path (their "GET Signature" is the singular `…/signature`), so it is
        /// described from the C# SDK alone. A missing signature is `Error::Api` (404).
        pub async fn draft_signatures_get(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, signature_id: uuid::Uuid) -> Result<crate::extern_types::DraftSignature, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/signatures/{}", self.base_url, account_id, draft_id, document_id, signature_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Replace a signature of a draft's document, or create it under this id.
pub mod update_draft_signature {

    impl crate::Client {
        /// Replace a signature of a draft's document, or create it under this id.
        ///
        /// Sends the signature as `add_draft_signature` does, in place of the one with this id; the
        /// docs say a signature with an id that does not exist yet is created. Any success status is
        /// taken: the docs document none.
        pub async fn draft_signatures_update(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, signature_id: uuid::Uuid, body: &crate::extern_types::DraftSignatureRequest) -> Result<crate::extern_types::DraftSignature, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/signatures/{}", self.base_url, account_id, draft_id, document_id, signature_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Delete a signature of a draft's document.
pub mod delete_draft_signature {

    impl crate::Client {
        /// Delete a signature of a draft's document.
        ///
        /// A signature that does not exist is "not found": the call returns `None`, as the C# SDK
        /// returns `false`.
        pub async fn draft_signatures_delete(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, signature_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/signatures/{}", self.base_url, account_id, draft_id, document_id, signature_id);
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

/// Read the content of a signature of a draft's document (a CMS), as bytes.
pub mod get_draft_signature_content {

    impl crate::Client {
        /// Read the content of a signature of a draft's document (a CMS), as bytes.
        ///
        /// The signature itself, a CMS (PKCS#7) of the document, decoded from the base64 the API
        /// sends. The sources disagree on the form of the answer (ROUTES.md D8); this spec reads it as
        /// `get_docflow_signature_content` does, a JSON string of base64 (a JSON body of type
        /// `bytes`): the C# SDK, which works against the server, reads it with
        /// `GetMessageAsync<string>`, which takes a JSON content type or only the literal media type
        /// `plain/text`, which no server sends, and then decodes the base64; the docs say only
        /// "base64". Should the server answer the base64 as bare text instead, the call fails with
        /// `Error::UnexpectedBody` (the body not being JSON), and this spec needs a `text: true`
        /// outcome. Not checked against a server.
        pub async fn draft_signatures_content(&self, account_id: uuid::Uuid, draft_id: uuid::Uuid, document_id: uuid::Uuid, signature_id: uuid::Uuid) -> Result<String, crate::Error> {
            let url = format!("{}/v1/{}/drafts/{}/documents/{}/signatures/{}/content", self.base_url, account_id, draft_id, document_id, signature_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
