//! Pagination and sorting shared by the lists: parsing the query string
//! leniently (a bad value falls back to the default and is reported), and
//! building links that keep every other filter.

/// Rows per page.
pub const PER_PAGE: i64 = 25;

/// A parsed `page` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNo(pub i64);

impl PageNo {
    /// Parses `page`; `Err` carries the fallback (page 1) when it is not a
    /// positive number.
    pub fn parse(raw: Option<&str>) -> Result<PageNo, PageNo> {
        match raw.map(str::trim) {
            None | Some("") => Ok(PageNo(1)),
            Some(s) => match s.parse::<i64>() {
                Ok(n) if (1..=1_000_000).contains(&n) => Ok(PageNo(n)),
                _ => Err(PageNo(1)),
            },
        }
    }

    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        (self.0 - 1) * PER_PAGE
    }
}

/// What a list's pager shows.
#[derive(Debug, Clone)]
pub struct Pager {
    /// Current page (1-based).
    pub page: i64,
    /// Number of pages (at least 1).
    pub pages: i64,
    /// Rows in all pages.
    pub total: i64,
    /// First row shown (1-based; 0 when empty).
    pub first: i64,
    /// Last row shown.
    pub last: i64,
    /// Link to the previous page.
    pub prev_href: Option<String>,
    /// Link to the next page.
    pub next_href: Option<String>,
}

impl Pager {
    /// Builds the pager; `href(page)` makes a link that keeps the filters.
    pub fn new(page: i64, total: i64, href: impl Fn(i64) -> String) -> Pager {
        let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
        let first = if total == 0 {
            0
        } else {
            (page - 1) * PER_PAGE + 1
        };
        let last = (page * PER_PAGE).min(total);
        Pager {
            page,
            pages,
            total,
            first: first.min(total),
            last: last.max(0),
            prev_href: (page > 1).then(|| href((page - 1).min(pages))),
            next_href: (page < pages).then(|| href(page + 1)),
        }
    }
}

/// Builds `path?k=v&…` from the non-empty pairs, values percent-encoded.
pub fn url_with(path: &str, pairs: &[(&str, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", super::paths::encode(v)))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// A sortable column header: its link and how it is sorted now.
#[derive(Debug, Clone)]
pub struct SortHeader {
    /// Message ID of the header text.
    pub label_key: &'static str,
    /// Link that sorts by this column (toggling direction if already sorted).
    pub href: String,
    /// `ascending`, `descending` or `none`, for `aria-sort`.
    pub aria_sort: &'static str,
}

/// Reads `sort` and `dir`, noting a bad value and falling back to defaults.
pub fn parse_sort<S: Copy>(
    sort: Option<&str>,
    dir: Option<&str>,
    default: S,
    from_key: impl Fn(&str) -> Option<S>,
    notices: &mut Vec<&'static str>,
) -> (S, bool) {
    let sort = match sort.map(str::trim).filter(|s| !s.is_empty()) {
        None => default,
        Some(key) => from_key(key).unwrap_or_else(|| {
            notices.push("notice-bad-sort");
            default
        }),
    };
    let descending = match dir.map(str::trim) {
        None | Some("") | Some("asc") => false,
        Some("desc") => true,
        Some(_) => {
            notices.push("notice-bad-sort");
            false
        }
    };
    (sort, descending)
}

/// Column headers that link to sorting by them, keeping the other filters.
pub fn sort_headers<S: Copy + PartialEq>(
    columns: &[(S, &'static str, &'static str)],
    current: S,
    descending: bool,
    href: impl Fn(&str, &str) -> String,
) -> Vec<SortHeader> {
    columns
        .iter()
        .map(|(sort, key, label_key)| {
            let active = *sort == current;
            let next_dir = if active && !descending { "desc" } else { "asc" };
            SortHeader {
                label_key,
                href: href(key, next_dir),
                aria_sort: match (active, descending) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                },
            }
        })
        .collect()
}

/// Links of a sortable, paged list: they keep its filters and leave the
/// defaults out of the URL.
pub struct ListLinks<'a> {
    /// The list's path.
    pub path: &'a str,
    /// Filters to keep (empty values are left out).
    pub filters: Vec<(&'static str, String)>,
    /// The sort key used when none is given.
    pub default_sort: &'static str,
}

impl ListLinks<'_> {
    /// The link to this list sorted by `sort` in `dir`, on `page`.
    pub fn href(&self, sort: &str, dir: &str, page: i64) -> String {
        let mut pairs = self.filters.clone();
        pairs.push((
            "sort",
            if sort == self.default_sort { "" } else { sort }.to_string(),
        ));
        pairs.push(("dir", if dir == "asc" { "" } else { dir }.to_string()));
        pairs.push((
            "page",
            if page > 1 {
                page.to_string()
            } else {
                String::new()
            },
        ));
        url_with(self.path, &pairs)
    }
}

/// Whether a checkbox-like query value is on: `1`, `true` or `on`
/// (anything else, or nothing, is off).
pub fn is_on(value: Option<&str>) -> bool {
    value.is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "on"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkbox_values_are_on_only_when_they_say_so() {
        for on in ["1", "true", "on", " ON "] {
            assert!(is_on(Some(on)), "{on}");
        }
        for off in ["0", "false", "off", "", "yes please"] {
            assert!(!is_on(Some(off)), "{off}");
        }
        assert!(!is_on(None));
    }

    #[test]
    fn page_numbers_parse_leniently() {
        assert_eq!(PageNo::parse(None), Ok(PageNo(1)));
        assert_eq!(PageNo::parse(Some("3")), Ok(PageNo(3)));
        assert_eq!(PageNo::parse(Some("0")), Err(PageNo(1)));
        assert_eq!(PageNo::parse(Some("-2")), Err(PageNo(1)));
        assert_eq!(PageNo::parse(Some("abc")), Err(PageNo(1)));
        assert_eq!(PageNo::parse(Some("99999999999999999999")), Err(PageNo(1)));
        assert_eq!(PageNo(3).offset(), 50);
    }

    #[test]
    fn pager_bounds() {
        let p = Pager::new(2, 60, |n| format!("?page={n}"));
        assert_eq!((p.pages, p.first, p.last), (3, 26, 50));
        assert_eq!(p.prev_href.as_deref(), Some("?page=1"));
        assert_eq!(p.next_href.as_deref(), Some("?page=3"));
        let empty = Pager::new(1, 0, |n| n.to_string());
        assert_eq!((empty.pages, empty.first, empty.last), (1, 0, 0));
        assert!(empty.prev_href.is_none() && empty.next_href.is_none());
    }

    #[test]
    fn list_links_leave_defaults_out() {
        let links = ListLinks {
            path: "/x",
            filters: vec![("q", "a b".into())],
            default_sort: "name",
        };
        assert_eq!(links.href("name", "asc", 1), "/x?q=a%20b");
        assert_eq!(
            links.href("expiry", "desc", 3),
            "/x?q=a%20b&sort=expiry&dir=desc&page=3"
        );
    }

    #[test]
    fn urls_keep_filters() {
        assert_eq!(
            url_with(
                "/customers",
                &[("q", "a&b".into()), ("page", String::new())]
            ),
            "/customers?q=a%26b"
        );
        assert_eq!(url_with("/customers", &[]), "/customers");
    }
}
