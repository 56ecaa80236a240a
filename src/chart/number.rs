//! Numbers as Norwegian texts print them: decimal comma, a no-break space between thousands
//! (`12 500`), a no-break space before the per cent sign (`45 %`) and a real minus sign.

/// The no-break space between thousands and before `%`, so a number never breaks across lines.
const NBSP: char = '\u{a0}';

/// `value` rounded to `decimals` places, e.g. `format_number(12500.0, 0)` = `12 500` and
/// `format_number(0.456, 2)` = `0,46`.
pub fn format_number(value: f64, decimals: usize) -> String {
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut out = String::new();
    // `-0,0` after rounding is zero: no sign then.
    if value < 0.0 && fixed.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        out.push('−');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// A share (0.45) as a percentage with `decimals` places: `45 %`.
pub fn format_percent(share: f64, decimals: usize) -> String {
    format!("{}{NBSP}%", format_number(share * 100.0, decimals))
}

/// A count or a measure as short as it can be: at most `decimals` places, trailing zeros
/// dropped (`7`, `2,5`, `0,33`).
pub fn format_value(value: f64, decimals: usize) -> String {
    let text = format_number(value, decimals);
    if text.contains(',') {
        text.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_numbers() {
        assert_eq!(format_number(0.0, 0), "0");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(1000.0, 0), "1\u{a0}000");
        assert_eq!(format_number(12500.0, 0), "12\u{a0}500");
        assert_eq!(format_number(1234567.891, 2), "1\u{a0}234\u{a0}567,89");
        assert_eq!(format_number(3.5, 1), "3,5");
        assert_eq!(format_number(-2.26, 1), "−2,3");
        assert_eq!(format_number(-0.04, 1), "0,0");
    }

    #[test]
    fn percentages_have_a_space_before_the_sign() {
        // 5 of 7 informants: 5 / 7 = 0.714285… → 71 %, and 71,4 % with one decimal.
        assert_eq!(format_percent(5.0 / 7.0, 0), "71\u{a0}%");
        assert_eq!(format_percent(5.0 / 7.0, 1), "71,4\u{a0}%");
        assert_eq!(format_percent(1.0, 0), "100\u{a0}%");
    }

    #[test]
    fn values_drop_trailing_zeros() {
        assert_eq!(format_value(7.0, 2), "7");
        assert_eq!(format_value(0.126, 2), "0,13");
        assert_eq!(format_value(2.5, 2), "2,5");
        // 1 / 3 = 0.333… → 0,33; 6.999 rounds to 7,00 → 7.
        assert_eq!(format_value(1.0 / 3.0, 2), "0,33");
        assert_eq!(format_value(6.999, 2), "7");
    }
}
