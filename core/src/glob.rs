//! Shell-style glob matching (`*` any run of characters, `?` one character)
//! for policy ids, names and namespaces.

/// Whether `text` matches `pattern`, where `*` matches any run (also `/`).
pub fn matches(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if *c == '?' || Some(c) == t.get(ti) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn globs() {
        assert!(matches("kube-*", "kube-system"));
        assert!(matches("*-system", "kube-system"));
        assert!(matches("*", ""));
        assert!(matches("a?c", "abc"));
        assert!(!matches("kube-*", "default"));
        assert!(matches("5.2.*", "5.2.10"));
        assert!(!matches("abc", "abcd"));
    }
}
