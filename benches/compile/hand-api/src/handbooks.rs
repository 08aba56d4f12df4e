// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The handbooks: control units (the authorities reports go to), the tax service's forms, and
// the migration service's handbooks for notices to the MVD.

/// List control units (authorities), with their contacts and flags.
pub mod list_control_units {

    impl crate::Client {
        /// List control units (authorities), with their contacts and flags.
        ///
        /// The tax offices, funds and other authorities reports go to, a page at a time, optionally of
        /// one kind and one region. `items()` on the call streams every control unit.
        ///
        /// `type` is sent as the C# SDK sends it, the C# enum's name (`Fns`, `Pfr`, …); the docs do not
        /// list the values (ROUTES.md D7), and the answer's `type` is in lower case. `includeinactive`
        /// is spelled as the C# SDK spells it and sent as `true`/`false`, as the docs write booleans;
        /// the C# SDK writes `True`/`False` (ROUTES.md D6).
        pub async fn handbooks_control_units(&self, r#type: Option<&str>, region: Option<&str>, take: Option<i64>, skip: Option<i64>, includeinactive: Option<bool>) -> Result<crate::extern_handbook_types::ControlUnitsPage, crate::Error> {
            let url = format!("{}/v1/handbooks/control-units", self.base_url);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = r#type { query.push(("type", value.to_string())); }
            if let Some(value) = region { query.push(("region", value.to_string())); }
            if let Some(value) = take { query.push(("take", value.to_string())); }
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            if let Some(value) = includeinactive { query.push(("includeinactive", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a control unit (authority) by its code, with its contacts and certificates.
pub mod get_control_unit {

    impl crate::Client {
        /// Get a control unit (authority) by its code, with its contacts and certificates.
        ///
        /// A code of an MVD office can also be another authority's; `controlUnitType=Mvd` says which
        /// is meant. `controlUnitType` is sent as the C# SDK sends it, its enum's name (`Mvd`); the
        /// docs do not list the values (ROUTES.md D7). An unknown code answers 404, an error.
        pub async fn handbooks_control_unit(&self, code: &str, control_unit_type: Option<&str>) -> Result<crate::extern_handbook_types::ControlUnit, crate::Error> {
            let url = format!("{}/v1/handbooks/control-units/{}", self.base_url, code);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = control_unit_type { query.push(("controlUnitType", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// List the forms of the tax service's reports and demands, by KND.
pub mod list_fns_forms {

    impl crate::Client {
        /// List the forms of the tax service's reports and demands, by KND.
        ///
        /// Every version of every form, a page at a time, optionally of one KND. `items()` on the call
        /// streams every form.
        pub async fn handbooks_fns_forms(&self, knd: Option<&str>, skip: Option<i64>, take: Option<i64>) -> Result<crate::extern_handbook_types::FnsFormsPage, crate::Error> {
            let url = format!("{}/v1/handbooks/fns-forms", self.base_url);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = knd { query.push(("knd", value.to_string())); }
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            if let Some(value) = take { query.push(("take", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a page of a handbook of the migration service (ЕСНСИ), to fill in a notice to the MVD.
pub mod get_handbook {

    impl crate::Client {
        /// Get a page of a handbook of the migration service (ЕСНСИ), to fill in a notice to the MVD.
        ///
        /// Citizenships, professions, regions, OKVED codes and the other handbooks a notice to the MVD
        /// takes its values from, a page at a time; each item is a code and a name, of the type the
        /// page's `handbook-type` names. `items()` on the call streams every item.
        ///
        /// The path segment is spelled as the docs list the handbooks, in kebab case
        /// (`mvd-citizenship`), which is also how the answer's `handbook-type` names them (the C#
        /// SDK's converter reads it so). The C# SDK puts its enum's name in the path instead
        /// (`MvdCitizenship`, ROUTES.md D7); this spec follows the docs. A handbook not listed is
        /// `HandbookType::Unknown(name)`, sent as it is written.
        pub async fn handbooks_get(&self, handbook_type: &str, take: Option<i64>, skip: Option<i64>) -> Result<crate::extern_handbook_types::HandbookPage, crate::Error> {
            let url = format!("{}/v1/handbooks/{}", self.base_url, handbook_type);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = take { query.push(("take", value.to_string())); }
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
