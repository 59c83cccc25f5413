//! Case-insensitive search returning character ranges.

/// Every non-overlapping occurrence of `needle` in `text`, ignoring case,
/// as character ranges. With `whole_words`, a match must not be preceded or
/// followed by an alphanumeric character.
pub fn find_all(text: &str, needle: &str, whole_words: bool) -> Vec<std::ops::Range<usize>> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    // Lower-casing can change the length of a few characters (e.g. 'İ'), so
    // compare per original character using its first lower-case form.
    let hay: Vec<char> = text
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            let end = i + needle.len();
            let bounded = !whole_words
                || ((i == 0 || !hay[i - 1].is_alphanumeric())
                    && (end == hay.len() || !hay[end].is_alphanumeric()));
            if bounded {
                out.push(i..end);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_with_word_bounds() {
        let t = "Maduro met MADURO loyalists; Maduros";
        assert_eq!(find_all(t, "maduro", false).len(), 3);
        assert_eq!(find_all(t, "maduro", true), vec![0..6, 11..17]);
        assert!(find_all(t, "", false).is_empty());
    }
}
