//! Work on many files in parallel, its results taken in the files' order: workers run ahead
//! of the taker by at most a window of files, so memory holds a window's results whatever the
//! run's size, and no core waits at a window's end for the slowest file of the window.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// How many files the workers may be ahead of the taker.
pub const WINDOW: usize = 256;

/// Calls `work` on every item on the worker threads (as many as rayon's pool has) and `take`
/// on each item with its result on this thread, in the items' order. Stops at the first
/// error `take` returns.
pub fn for_each_in_order<T: Sync, R: Send, E>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E> {
    let workers = rayon::current_num_threads().max(1);
    if items.len() <= 1 || workers == 1 {
        return items.iter().try_for_each(|item| take(item, work(item)));
    }
    let next = AtomicUsize::new(0);
    // How many results the taker has taken, and whether it stopped.
    let taken = Mutex::new((0usize, false));
    let moved = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, taken, moved, work) = (&next, &taken, &moved, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        return;
                    }
                    {
                        let mut state = taken.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= state.0 + WINDOW && !state.1 {
                            state = moved.wait(state).unwrap_or_else(PoisonError::into_inner);
                        }
                        if state.1 {
                            return;
                        }
                    }
                    if send.send((i, work(&items[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut at = 0;
        let mut result = Ok(());
        for (i, r) in receive.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&at) {
                if result.is_ok() {
                    result = take(&items[at], r);
                }
                at += 1;
            }
            let mut state = taken.lock().unwrap_or_else(PoisonError::into_inner);
            state.0 = at;
            state.1 = result.is_err();
            moved.notify_all();
            if result.is_err() {
                break;
            }
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_an_error_stops_the_taking() {
        let items: Vec<usize> = (0..5_000).collect();
        let mut seen = Vec::new();
        for_each_in_order(
            &items,
            |i| i * 2,
            |i, r| {
                assert_eq!(r, i * 2);
                seen.push(*i);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, items);
        let mut count = 0;
        let stopped = for_each_in_order(
            &items,
            |i| *i,
            |_, r| {
                count += 1;
                if r == 10 { Err(r) } else { Ok(()) }
            },
        );
        assert_eq!(stopped, Err(10));
        assert_eq!(count, 11);
    }
}
