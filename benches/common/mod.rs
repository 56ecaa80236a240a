//! What the benchmarks share: the `p50 / p95 / max` figures BENCHMARKS.md rows carry.

/// `p50 / p95 / max` of the samples (nearest rank), with `decimals` digits.
pub fn stats(samples: &mut [f64], decimals: usize) -> String {
    samples.sort_by(f64::total_cmp);
    let rank =
        |p: f64| samples[((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1];
    format!(
        "{:.d$} / {:.d$} / {:.d$}",
        rank(0.5),
        rank(0.95),
        samples[samples.len() - 1],
        d = decimals
    )
}
