// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The reply documents to a document of an inventory (the docflow that answers a demand,
// named by the demand's docflow and document and its own id).

/// Generate a reply document to a document of an inventory.
pub mod generate_inventory_reply {

    impl crate::Client {
        /// Generate a reply document to a document of an inventory.
        ///
        /// An inventory (опись, `urn:docflow:fns534-inventory`) is the docflow that answers a demand;
        /// it is named by the demand's docflow and document and by its own id. This generates the XML
        /// of the reply its regulations call for (a receipt, …) to one of its documents, with its
        /// printed form, as `generate_reply` does for a docflow. Sign the content, add the signature
        /// (`update_inventory_reply_signature`) and send it (`send_inventory_reply`).
        ///
        /// The C# SDK sends `documentType` only; the docs describe no `declineNoticeErrorCode` here
        /// either. Any success status is taken.
        ///
        /// The path names follow the project's: the docs' `{relatedDocflowId}`, `{relatedDocumentId}`
        /// and `{documentId}` are `{docflowId}`, `{documentId}` and `{inventoryDocumentId}` here.
        pub async fn inventory_replies_generate(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid, inventory_document_id: uuid::Uuid, document_type: &str, body: &crate::extern_reply_types::GenerateReplyRequest) -> Result<crate::extern_types::ReplyDocument, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}/documents/{}/generate-reply", self.base_url, account_id, docflow_id, document_id, inventory_id, inventory_document_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("documentType", document_type.to_string()));
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Replace the content of a reply document of an inventory.
pub mod update_inventory_reply_content {

    impl crate::Client {
        /// Replace the content of a reply document of an inventory.
        ///
        /// Sends the reply's new content (its XML) as raw bytes and answers the reply as it is now,
        /// as `update_reply_content` does for a docflow. The C# SDK sends the bytes without a
        /// `Content-Type`; no source documents one, so the generated client sends
        /// `application/octet-stream`, the format's default for raw bytes (ROUTES.md D9).
        ///
        /// The path names follow the project's: the docs' `{relatedDocflowId}`, `{relatedDocumentId}`
        /// and `{documentId}` are `{docflowId}`, `{documentId}` and `{inventoryDocumentId}` here.
        pub async fn inventory_replies_update_content(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid, inventory_document_id: uuid::Uuid, reply_id: uuid::Uuid, body: Vec<u8>) -> Result<crate::extern_types::ReplyDocument, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}/documents/{}/replies/{}/content", self.base_url, account_id, docflow_id, document_id, inventory_id, inventory_document_id, reply_id);
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

/// Add the signature of a reply document of an inventory.
pub mod update_inventory_reply_signature {

    impl crate::Client {
        /// Add the signature of a reply document of an inventory.
        ///
        /// Sends the user's signature of the reply's content (CMS, detached) as raw bytes and answers
        /// the reply with its `signature`, as `update_reply_signature` does for a docflow. Then send
        /// it with `send_inventory_reply`.
        ///
        /// The request's `Content-Type` is undocumented here; the C# SDK sends none (ROUTES.md D9).
        /// This spec sends what the docs' example of the docflow reply's signature sends,
        /// `application/pgp-signature` (docs/scenarios/FNS/report/get_report.rst:782), as the
        /// default of a header parameter; set another with `with_content_type`.
        ///
        /// The path names follow the project's: the docs' `{relatedDocflowId}`, `{relatedDocumentId}`
        /// and `{documentId}` are `{docflowId}`, `{documentId}` and `{inventoryDocumentId}` here.
        pub async fn inventory_replies_update_signature(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid, inventory_document_id: uuid::Uuid, reply_id: uuid::Uuid, content_type: Option<&str>, body: Vec<u8>) -> Result<crate::extern_types::ReplyDocument, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}/documents/{}/replies/{}/signature", self.base_url, account_id, docflow_id, document_id, inventory_id, inventory_document_id, reply_id);
            let mut request = self.http.put(url);
            if let Some(value) = content_type { request = request.header("Content-Type", value.to_string()); }
            request = request.bearer_auth(&self.token);
            request = request.body(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Send a signed reply document of an inventory to the authority.
pub mod send_inventory_reply {

    impl crate::Client {
        /// Send a signed reply document of an inventory to the authority.
        ///
        /// Sends the reply, with the user's signature added by `update_inventory_reply_signature`,
        /// to the authority, and answers the inventory's docflow as it is now, as `send_reply` does
        /// for a docflow. Any success status is taken.
        ///
        /// The method is POST, as the docs' Swagger link ("docs/inventories/методы до описи.rst":19)
        /// and the Java SDK have it, and as the docflow reply's send is everywhere. The C# SDK's
        /// `SendInventoryReplyAsync` sends PUT (ROUTES.md D1), which no other source has; this spec
        /// follows the docs.
        ///
        /// The path names follow the project's: the docs' `{relatedDocflowId}`, `{relatedDocumentId}`
        /// and `{documentId}` are `{docflowId}`, `{documentId}` and `{inventoryDocumentId}` here.
        pub async fn inventory_replies_send(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, inventory_id: uuid::Uuid, inventory_document_id: uuid::Uuid, reply_id: uuid::Uuid, body: &crate::extern_reply_types::SendReplyRequest) -> Result<crate::extern_types::Docflow, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/inventories/{}/documents/{}/replies/{}/send", self.base_url, account_id, docflow_id, document_id, inventory_id, inventory_document_id, reply_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
