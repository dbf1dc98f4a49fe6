//! Work on many files in parallel, its results taken in the files' order: workers run ahead
//! of the taker by at most a window of files, so memory holds a window's results whatever the
//! run's size, and no core waits at a window's end for the slowest file of the window.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// How many files the workers may be ahead of the taker.
pub(super) const WINDOW: usize = 256;

/// Calls `work` on every item on the worker threads (as many as rayon's pool has) and `take`
/// on each item with its result on this thread, in the items' order. Items are drawn from
/// `items` as workers are free (a directory walk is never collected), at most [`WINDOW`]
/// ahead of the taker. Stops at the first error `take` returns.
pub fn for_each_in_order<T: Send, R: Send, E>(
    items: impl IntoIterator<Item = T, IntoIter: Send>,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(T, R) -> Result<(), E>,
) -> Result<(), E> {
    let mut items = items.into_iter().peekable();
    let workers = rayon::current_num_threads().max(1);
    let first = items.next();
    if workers == 1 || items.peek().is_none() {
        return first.into_iter().chain(items).try_for_each(|item| {
            let result = work(&item);
            take(item, result)
        });
    }
    // The next items and the number of the first, drawn a batch at a time by one worker at a
    // time: a file costs no lock, wake-up or message of its own.
    let source = Mutex::new((first.into_iter().chain(items), 0usize));
    // How many results the taker has taken, whether it stopped, and how many workers wait.
    let taken = Mutex::new(Progress::default());
    let moved = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, Vec<(T, R)>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (source, taken, moved, work) = (&source, &taken, &moved, &work);
            scope.spawn(move || {
                loop {
                    let (start, batch) = {
                        let mut source = source.lock().unwrap_or_else(PoisonError::into_inner);
                        let start = source.1;
                        {
                            let mut state = taken.lock().unwrap_or_else(PoisonError::into_inner);
                            while start >= state.taken + WINDOW && !state.stopped {
                                state.waiting += 1;
                                state = moved.wait(state).unwrap_or_else(PoisonError::into_inner);
                                state.waiting -= 1;
                            }
                            if state.stopped {
                                return;
                            }
                        }
                        let batch: Vec<T> = source.0.by_ref().take(BATCH).collect();
                        source.1 += batch.len();
                        (start, batch)
                    };
                    if batch.is_empty() {
                        return;
                    }
                    let done: Vec<(T, R)> = batch
                        .into_iter()
                        .map(|item| {
                            let result = work(&item);
                            (item, result)
                        })
                        .collect();
                    if send.send((start, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        let mut waiting: BTreeMap<usize, Vec<(T, R)>> = BTreeMap::new();
        let mut at = 0;
        let mut result = Ok(());
        for (start, done) in receive.iter() {
            waiting.insert(start, done);
            while let Some(done) = waiting.remove(&at) {
                at += done.len();
                for (item, r) in done {
                    if result.is_ok() {
                        result = take(item, r);
                    }
                }
            }
            let mut state = taken.lock().unwrap_or_else(PoisonError::into_inner);
            state.taken = at;
            state.stopped = result.is_err();
            if state.waiting > 0 {
                moved.notify_all();
            }
            if result.is_err() {
                break;
            }
        }
        result
    })
}

/// What the workers know of the taker.
#[derive(Default)]
struct Progress {
    taken: usize,
    stopped: bool,
    waiting: usize,
}

/// How many items a worker draws at once.
const BATCH: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_an_error_stops_the_taking() {
        let items: Vec<usize> = (0..5_000).collect();
        let mut seen = Vec::new();
        for_each_in_order(
            items.iter().copied(),
            |i| i * 2,
            |i, r| {
                assert_eq!(r, i * 2);
                seen.push(i);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, items);
        let mut count = 0;
        let stopped = for_each_in_order(
            items.iter(),
            |i| **i,
            |_, r| {
                count += 1;
                if r == 10 { Err(r) } else { Ok(()) }
            },
        );
        assert_eq!(stopped, Err(10));
        assert_eq!(count, 11);
    }
}
