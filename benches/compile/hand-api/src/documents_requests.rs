// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// Requests to the social fund (СФР) for the incoming documents of a SEDO docflow.

/// Make a request to the social fund (СФР) for a SEDO docflow's incoming documents.
pub mod generate_documents_request {

    impl crate::Client {
        /// Make a request to the social fund (СФР) for a SEDO docflow's incoming documents.
        ///
        /// A request to the social fund (СФР) for the incoming documents of a SEDO docflow, in four
        /// steps: make it (`generate_documents_request`, with the signer's certificate), read it
        /// (`get_documents_request`), put the user's signature of its `data-to-sign`
        /// (`update_documents_request_signature`), and send it (`send_documents_request`).
        /// This first step answers the request with what to sign (`data-to-sign`).
        pub async fn documents_requests_generate(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, body: &crate::extern_docflow_types::GenerateDocumentsRequestRequest) -> Result<crate::extern_types::DocumentsRequest, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/generate-documents-request", self.base_url, account_id, docflow_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a request to the social fund (СФР) for a SEDO docflow's incoming documents.
pub mod get_documents_request {

    impl crate::Client {
        /// Get a request to the social fund (СФР) for a SEDO docflow's incoming documents.
        ///
        /// A request to the social fund (СФР) for the incoming documents of a SEDO docflow, in four
        /// steps: make it (`generate_documents_request`, with the signer's certificate), read it
        /// (`get_documents_request`), put the user's signature of its `data-to-sign`
        /// (`update_documents_request_signature`), and send it (`send_documents_request`).
        pub async fn documents_requests_get(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, request_id: uuid::Uuid) -> Result<crate::extern_types::DocumentsRequest, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents-requests/{}", self.base_url, account_id, docflow_id, request_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Put the user's signature of a documents request's data to sign.
pub mod update_documents_request_signature {

    impl crate::Client {
        /// Put the user's signature of a documents request's data to sign.
        ///
        /// A request to the social fund (СФР) for the incoming documents of a SEDO docflow, in four
        /// steps: make it (`generate_documents_request`, with the signer's certificate), read it
        /// (`get_documents_request`), put the user's signature of its `data-to-sign`
        /// (`update_documents_request_signature`), and send it (`send_documents_request`).
        ///
        /// The body is the signature's bytes, sent as they are. The C# SDK sends the caller's bytes with
        /// no `Content-Type`; the Postman export sends `application/octet-stream`, which the client
        /// sends too (ROUTES.md D9), and a body written as base64 text (`MIAGCSq...AAAA==`, elided).
        /// Whether the API wants the signature's DER bytes or their base64 text is not published; the
        /// C# SDK's callers pass the signature as `byte[]`.
        pub async fn documents_requests_update_signature(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, request_id: uuid::Uuid, body: Vec<u8>) -> Result<crate::extern_types::DocumentsRequest, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents-requests/{}/signature", self.base_url, account_id, docflow_id, request_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.header("Content-Type", "application/octet-stream");
            request = request.body(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Send a signed request to the social fund (СФР) for a SEDO docflow's incoming documents.
pub mod send_documents_request {

    impl crate::Client {
        /// Send a signed request to the social fund (СФР) for a SEDO docflow's incoming documents.
        ///
        /// A request to the social fund (СФР) for the incoming documents of a SEDO docflow, in four
        /// steps: make it (`generate_documents_request`, with the signer's certificate), read it
        /// (`get_documents_request`), put the user's signature of its `data-to-sign`
        /// (`update_documents_request_signature`), and send it (`send_documents_request`).
        /// The last step sends it; the answer is the docflow the request was made in, as it is now.
        pub async fn documents_requests_send(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, request_id: uuid::Uuid) -> Result<crate::extern_types::Docflow, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents-requests/{}/send", self.base_url, account_id, docflow_id, request_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
