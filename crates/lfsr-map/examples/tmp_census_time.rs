use gf_core::Field;
use lfsr_map::census::{Census, SummaryOptions};
use lfsr_map::progress::Progress;
fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let (q, d, w) = (args[0], args[1] as u32, args[2] as usize);
    let census = Census::new(&Field::new(q).unwrap(), d, false).unwrap();
    let pool = worker_pool::FreshPool::new(w);
    let t = std::time::Instant::now();
    let s = census
        .summary(&SummaryOptions::default(), &pool, &Progress::new())
        .unwrap();
    let el = t.elapsed();
    println!(
        "q={q} d={d} w={w}: {:?} lfsrs={} prim={} patterns={} maxp={} cyc={} ns/lfsr={:.3}",
        el,
        s.lfsrs,
        s.primitive,
        s.factor_patterns.len(),
        s.max_periods.len(),
        s.cycle_counts.len(),
        el.as_nanos() as f64 / s.lfsrs as f64
    );
}
