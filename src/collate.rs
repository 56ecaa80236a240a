//! Norwegian sorting. One collator (CLDR `nb`: æ, ø, å after z, and `aa` as `å`) serves every
//! list the core returns, so the CLI and the app agree on order.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        Collator::try_new(locale!("nb").into(), CollatorOptions::default())
            .expect("the nb collation data is compiled into icu_collator")
    })
}

/// Compares two strings in Norwegian bokmål order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Sorts items by a string key in Norwegian order.
pub fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(key(a), key(b)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn norwegian_order_puts_aeoeaa_last_and_aa_as_aa() {
        let mut words = vec!["Åsen", "Øst", "Aasen", "Ål", "Zulu", "Ærlig", "abc", "Ås"];
        super::sort_by_key(&mut words, |w| w);
        assert_eq!(
            words,
            ["abc", "Zulu", "Ærlig", "Øst", "Ål", "Ås", "Åsen", "Aasen"]
        );
    }
}
