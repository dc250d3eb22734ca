//! The TOML reader's messages in Khmer, and the hints that go with them.

/// A hint for serde's messages: the closest valid name, or how to write a value.
/// The Khmer of the reader's most common messages (the TOML reader words them in
/// English), for the form's Khmer interface; `None` for the others.
pub(super) fn khmer_for(message: &str) -> Option<String> {
    let quoted = quoted(message);
    let first = quoted.first().copied().unwrap_or_default();
    if message.starts_with("missing field") {
        Some(format!("មិនទាន់បានបំពេញ «{first}»"))
    } else if message.starts_with("unknown variant") {
        Some(format!(
            "«{first}» មិនមែនជាជម្រើសមួយដែលអាចប្រើបានទេ៖ {}",
            quoted[1..].join(", ")
        ))
    } else if message.starts_with("unknown field") {
        Some(format!("«{first}» មិនមែនជាឈ្មោះមួយក្នុងទម្រង់ទេ"))
    } else if message.starts_with("the date is empty") {
        Some("មិនទាន់បានបំពេញកាលបរិច្ឆេទ៖ សូមសរសេរជា ឆ្នាំ-ខែ-ថ្ងៃ (ឧ. ១៩៩១-០៣-១៥)".to_owned())
    } else if message.contains("is not a plain date") {
        Some(format!(
            "«{first}» មិនមែនជាកាលបរិច្ឆេទទេ៖ សូមសរសេរជា ឆ្នាំ-ខែ-ថ្ងៃ (ឧ. ១៩៩១-០៣-១៥)"
        ))
    } else if message.ends_with("is not a day of the calendar") {
        Some(format!("«{first}» មិនមែនជាថ្ងៃមួយក្នុងប្រតិទិនទេ"))
    } else if message.starts_with("invalid type") {
        Some("ប្រភេទតម្លៃមិនត្រឹមត្រូវ (ឧ. អត្ថបទនៅកន្លែងលេខ)".to_owned())
    } else {
        None
    }
}

/// The names a reader's message quotes in backticks, in order.
pub(super) fn quoted(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

pub(super) fn hint_for(message: &str) -> Option<String> {
    let quoted = quoted(message);
    let is_unknown = message.starts_with("unknown field") || message.starts_with("unknown variant");
    if is_unknown && let Some((given, valid)) = quoted.split_first() {
        let best = valid
            .iter()
            .map(|v| (strsim::jaro_winkler(given, v), *v))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        // Without a close match the message itself lists what is valid.
        return best.map(|(_, v)| format!("did you mean `{v}`?"));
    }
    if message.contains("TOML datetime") {
        return Some("write dates without quotes: `date = 2026-11-21`".to_owned());
    }
    if message.starts_with("missing field") {
        return Some(
            "see examples/dara-and-sophea.toml or `dfr new` for every required key".to_owned(),
        );
    }
    None
}
