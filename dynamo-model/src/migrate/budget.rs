//! A capacity budget: a run consumes at most so many read and write units per second, with
//! bursts of at most one second's units.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// The units per second a runner may consume. A runner keeps its own budget: give each of
/// several runners its share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Read units per second the scans may consume.
    pub read_units_per_second: f64,
    /// Write units per second the writes may consume.
    pub write_units_per_second: f64,
}

impl Budget {
    /// A budget of `read` read units and `write` write units per second.
    pub fn new(read: f64, write: f64) -> Self {
        Budget {
            read_units_per_second: read,
            write_units_per_second: write,
        }
    }
}

/// Which units a request consumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Units {
    Read,
    Write,
}

/// A token bucket per kind of unit: it fills at the budget's rate up to one second's units, a
/// request may start while it is not below zero, and what the request consumed is taken out.
/// Each request first reserves what such requests consumed on average, so that concurrent
/// requests do not all start on the same units.
pub(crate) struct Buckets {
    read: Mutex<Bucket>,
    write: Mutex<Bucket>,
}

struct Bucket {
    rate: f64,
    level: f64,
    at: Instant,
    /// The average units of a request, what a request reserves.
    average: f64,
}

impl Bucket {
    fn new(rate: f64) -> Self {
        Bucket {
            rate,
            level: 0.0,
            at: Instant::now(),
            average: 1.0,
        }
    }

    fn refill(&mut self) {
        let now = Instant::now();
        let earned = now.duration_since(self.at).as_secs_f64() * self.rate;
        self.level = (self.level + earned).min(self.rate);
        self.at = now;
    }
}

impl Buckets {
    pub(crate) fn new(budget: Budget) -> Self {
        Buckets {
            read: Mutex::new(Bucket::new(budget.read_units_per_second)),
            write: Mutex::new(Bucket::new(budget.write_units_per_second)),
        }
    }

    fn bucket(&self, units: Units) -> &Mutex<Bucket> {
        match units {
            Units::Read => &self.read,
            Units::Write => &self.write,
        }
    }

    /// Waits until a request of this kind may start, and reserves its average units; gives
    /// what it reserved, to [`settle`](Buckets::settle) once the request consumed its units.
    pub(crate) async fn acquire(&self, units: Units) -> f64 {
        loop {
            let wait = {
                let mut bucket = self.bucket(units).lock().unwrap_or_else(|e| e.into_inner());
                bucket.refill();
                if bucket.rate <= 0.0 || !bucket.rate.is_finite() {
                    return 0.0;
                }
                if bucket.level >= 0.0 {
                    let reserved = bucket.average;
                    bucket.level -= reserved;
                    return reserved;
                }
                Duration::from_secs_f64(-bucket.level / bucket.rate)
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// Takes out what a request consumed, in place of what it reserved.
    pub(crate) fn settle(&self, units: Units, reserved: f64, consumed: f64) {
        let mut bucket = self.bucket(units).lock().unwrap_or_else(|e| e.into_inner());
        bucket.refill();
        bucket.level += reserved - consumed;
        if consumed > 0.0 {
            bucket.average = bucket.average * 0.8 + consumed * 0.2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // On tokio's paused clock: sleeps advance it at once, so the pacing is exact.
    #[tokio::test(start_paused = true)]
    async fn a_bucket_lets_requests_through_at_its_rate() {
        let buckets = Buckets::new(Budget::new(1000.0, 1000.0));
        let started = Instant::now();
        // 10 requests of 100 units each at 1000 units per second: 0.9 s or more.
        for _ in 0..10 {
            let reserved = buckets.acquire(Units::Write).await;
            buckets.settle(Units::Write, reserved, 100.0);
        }
        // The first starts at once; each next one waits for its 100 units.
        let elapsed = started.elapsed().as_secs_f64();
        assert!((0.89..0.92).contains(&elapsed), "{elapsed}");

        // Idle, the bucket fills to one second's units, not more.
        tokio::time::sleep(Duration::from_secs(10)).await;
        let started = Instant::now();
        for _ in 0..20 {
            let reserved = buckets.acquire(Units::Read).await;
            buckets.settle(Units::Read, reserved, 100.0);
        }
        let elapsed = started.elapsed().as_secs_f64();
        assert!((0.9..1.1).contains(&elapsed), "{elapsed}");
    }
}
