//! Splitting a reservation in two and merging reservations into one: the
//! rules, apart from storage and from Azure. A split keeps everything but
//! the quantity; a merge needs the same order, SKU, region, term and scope
//! type, and gives back the whole quantity.

use chrono::NaiveDate;

use super::ids::OrderId;
use super::reservation::{ScopeType, Status, Term};

/// What a split or a merge works on: a reservation's facts that must
/// agree, its quantity and its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Its order.
    pub order: OrderId,
    /// SKU name.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Term.
    pub term: Term,
    /// Scope type.
    pub scope_type: ScopeType,
    /// Units it covers.
    pub quantity: i32,
    /// Benefit start.
    pub effective_date: NaiveDate,
    /// Expiry.
    pub expiry_date: NaiveDate,
    /// Its status today.
    pub status: Status,
}

/// Why a split cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitRefusal {
    /// Only a reservation in force can be split.
    NotInForce,
    /// A quantity of 1 cannot be split.
    QuantityOne,
    /// Each part needs at least 1, and the two must add up to the whole.
    BadQuantities,
}

/// Why reservations cannot be merged, and which fact differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeRefusal {
    /// At least two are needed.
    TooFew,
    /// Only reservations in force can be merged.
    NotInForce,
    /// They differ in this: "order", "sku", "region", "term", "scope" or
    /// "expiry".
    Different(&'static str),
}

impl SplitRefusal {
    /// The message ID of the reason.
    pub fn message_id(&self) -> &'static str {
        match self {
            SplitRefusal::NotInForce => "split-not-in-force",
            SplitRefusal::QuantityOne => "split-quantity-one",
            SplitRefusal::BadQuantities => "split-bad-quantities",
        }
    }
}

impl MergeRefusal {
    /// The message ID of the reason.
    pub fn message_id(&self) -> &'static str {
        match self {
            MergeRefusal::TooFew => "merge-too-few",
            MergeRefusal::NotInForce => "merge-not-in-force",
            MergeRefusal::Different("order") => "merge-different-order",
            MergeRefusal::Different("sku") => "merge-different-sku",
            MergeRefusal::Different("region") => "merge-different-region",
            MergeRefusal::Different("term") => "merge-different-term",
            MergeRefusal::Different("scope") => "merge-different-scope",
            MergeRefusal::Different(_) => "merge-different-expiry",
        }
    }
}

/// The name of part `n` (1 or 2) of a split of `name`: the name with
/// `_n` after it, cut to stay within the longest name allowed.
pub fn part_name(name: &str, n: u8) -> String {
    let suffix = format!("_{n}");
    let keep = super::scope::MAX_NAME_CHARS - suffix.len();
    let mut part: String = name.chars().take(keep).collect();
    part.push_str(&suffix);
    part
}

/// `piece` split into a part of `first` and the rest.
pub fn split(piece: &Piece, first: i32) -> Result<(Piece, Piece), SplitRefusal> {
    if !piece.status.in_force() {
        return Err(SplitRefusal::NotInForce);
    }
    if piece.quantity < 2 {
        return Err(SplitRefusal::QuantityOne);
    }
    if first < 1 || first >= piece.quantity {
        return Err(SplitRefusal::BadQuantities);
    }
    let part = |quantity| Piece {
        quantity,
        ..piece.clone()
    };
    Ok((part(first), part(piece.quantity - first)))
}

/// `pieces` merged into one: their whole quantity, from the earliest start.
pub fn merge(pieces: &[Piece]) -> Result<Piece, MergeRefusal> {
    let [first, rest @ ..] = pieces else {
        return Err(MergeRefusal::TooFew);
    };
    if rest.is_empty() {
        return Err(MergeRefusal::TooFew);
    }
    if pieces.iter().any(|p| !p.status.in_force()) {
        return Err(MergeRefusal::NotInForce);
    }
    for other in rest {
        let differs = [
            ("order", other.order != first.order),
            ("sku", other.sku != first.sku),
            ("region", other.region != first.region),
            ("term", other.term != first.term),
            ("scope", other.scope_type != first.scope_type),
            ("expiry", other.expiry_date != first.expiry_date),
        ];
        if let Some((what, _)) = differs.into_iter().find(|(_, d)| *d) {
            return Err(MergeRefusal::Different(what));
        }
    }
    Ok(Piece {
        quantity: pieces.iter().map(|p| p.quantity).sum(),
        effective_date: pieces
            .iter()
            .map(|p| p.effective_date)
            .min()
            .unwrap_or(first.effective_date),
        ..first.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(quantity: i32, start: i64) -> Piece {
        let effective =
            NaiveDate::from_ymd_opt(2026, 1, 1).expect("day") + chrono::Days::new(start as u64);
        Piece {
            order: "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"
                .parse()
                .expect("order"),
            sku: "Standard_D2s_v5".into(),
            region: "westeurope".into(),
            term: Term::P1Y,
            scope_type: ScopeType::Shared,
            quantity,
            effective_date: effective,
            expiry_date: effective + chrono::Days::new(365),
            status: Status::Active,
        }
    }

    #[test]
    fn splits_and_merges_are_refused_with_their_reason() {
        assert_eq!(split(&piece(1, 0), 1), Err(SplitRefusal::QuantityOne));
        assert_eq!(split(&piece(4, 0), 0), Err(SplitRefusal::BadQuantities));
        assert_eq!(split(&piece(4, 0), 4), Err(SplitRefusal::BadQuantities));
        let ended = Piece {
            status: Status::Expired,
            ..piece(4, 0)
        };
        assert_eq!(split(&ended, 2), Err(SplitRefusal::NotInForce));
        assert_eq!(merge(&[piece(2, 0)]), Err(MergeRefusal::TooFew));
        assert_eq!(merge(&[]), Err(MergeRefusal::TooFew));
        let other_sku = Piece {
            sku: "Standard_D4s_v5".into(),
            ..piece(2, 0)
        };
        assert_eq!(
            merge(&[piece(2, 0), other_sku]),
            Err(MergeRefusal::Different("sku"))
        );
        let other_region = Piece {
            region: "northeurope".into(),
            ..piece(2, 0)
        };
        assert_eq!(
            merge(&[piece(2, 0), other_region]),
            Err(MergeRefusal::Different("region"))
        );
        assert_eq!(merge(&[piece(2, 0), ended]), Err(MergeRefusal::NotInForce));
    }

    #[test]
    fn parts_are_named_after_the_whole_within_the_longest_name() {
        assert_eq!(part_name("prod-vms", 1), "prod-vms_1");
        let long = "é".repeat(64);
        let part = part_name(&long, 2);
        assert_eq!(part.chars().count(), 64);
        assert!(part.ends_with("_2"));
        let refusals = [
            MergeRefusal::Different("order"),
            MergeRefusal::Different("sku"),
            MergeRefusal::Different("region"),
            MergeRefusal::Different("term"),
            MergeRefusal::Different("scope"),
            MergeRefusal::Different("expiry"),
        ];
        let ids: std::collections::HashSet<_> = refusals.iter().map(|r| r.message_id()).collect();
        assert_eq!(ids.len(), refusals.len());
    }

    proptest::proptest! {
        /// A split then a merge gives back the original quantity and dates.
        #[test]
        fn split_then_merge_gives_back_the_original(quantity in 2i32..10_000, cut in 1i32..10_000, start in 0i64..2000) {
            let whole = piece(quantity, start);
            let first = 1 + cut % (quantity - 1);
            let (a, b) = split(&whole, first).expect("split");
            proptest::prop_assert_eq!(a.quantity + b.quantity, quantity);
            proptest::prop_assert!(a.quantity >= 1 && b.quantity >= 1);
            proptest::prop_assert_eq!(merge(&[a.clone(), b.clone()]), Ok(whole.clone()));
            proptest::prop_assert_eq!(merge(&[b, a]), Ok(whole));
        }
    }
}
