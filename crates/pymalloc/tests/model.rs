//! A randomized model test: long random sequences of malloc, calloc, realloc and free over all
//! sizes and domains, in every mode, against a plain map of live blocks. After every step: no
//! two live blocks overlap, every block is 16-byte aligned, contents survive realloc and stay
//! untouched by other operations, and every statistic equals the model's count.

use std::collections::BTreeMap;
use std::ptr::NonNull;

use mempy_pymalloc::geometry::{ARENA_SIZE, POOL_SIZE, SMALL_REQUEST_THRESHOLD};
use mempy_pymalloc::size_class::{class_size, size_class};
use mempy_pymalloc::{Allocator, ArenaPlacement, Domain, Mode, DEBUG_EXTRA_BYTES};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Malloc {
        domain: Domain,
        size: usize,
    },
    Calloc {
        domain: Domain,
        nelem: usize,
        elsize: usize,
    },
    Realloc {
        pick: usize,
        size: usize,
    },
    Free {
        pick: usize,
    },
    /// Many blocks of one size at once, to fill pools and arenas.
    Burst {
        size: usize,
        count: usize,
    },
    /// Free every `stride`-th live block (fragmenting), or all when `stride == 1`.
    Sweep {
        stride: usize,
    },
}

fn domain() -> impl Strategy<Value = Domain> {
    prop_oneof![1 => Just(Domain::Raw), 1 => Just(Domain::Mem), 3 => Just(Domain::Object)]
}

fn size() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => 1usize..=128,
        3 => 0usize..=SMALL_REQUEST_THRESHOLD + 8,
        1 => 480usize..=540,
        1 => 513usize..=5000,
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (domain(), size()).prop_map(|(domain, size)| Op::Malloc { domain, size }),
        1 => (domain(), 0usize..40, 0usize..40)
            .prop_map(|(domain, nelem, elsize)| Op::Calloc { domain, nelem, elsize }),
        3 => (any::<usize>(), size()).prop_map(|(pick, size)| Op::Realloc { pick, size }),
        6 => any::<usize>().prop_map(|pick| Op::Free { pick }),
        1 => (prop_oneof![1usize..=64, 400usize..=512], 1usize..3000)
            .prop_map(|(size, count)| Op::Burst { size, count }),
        1 => (1usize..5).prop_map(|stride| Op::Sweep { stride }),
    ]
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![
        3 => Just(Mode::Pymalloc),
        1 => Just(Mode::Malloc),
        2 => Just(Mode::PymallocDebug),
        1 => Just(Mode::MallocDebug),
    ]
}

fn placement() -> impl Strategy<Value = ArenaPlacement> {
    prop_oneof![
        3 => Just(ArenaPlacement::Misaligned),
        1 => Just(ArenaPlacement::PoolAligned),
        1 => Just(ArenaPlacement::System),
    ]
}

struct Live {
    domain: Domain,
    size: usize,
    tag: u8,
    /// The pool class serving the block, or `None` for a system block (CPython keeps a block
    /// where realloc finds it, so this is history, not a function of `size`).
    class: Option<usize>,
}

struct Model {
    a: Allocator,
    mode: Mode,
    /// Live blocks by address.
    live: BTreeMap<usize, Live>,
    next_tag: u8,
}

impl Model {
    fn new(mode: Mode, placement: ArenaPlacement) -> Model {
        Model {
            a: Allocator::with_placement(mode, placement),
            mode,
            live: BTreeMap::new(),
            next_tag: 1,
        }
    }

    fn tag(&mut self) -> u8 {
        self.next_tag = self.next_tag.wrapping_add(1).max(1);
        self.next_tag
    }

    /// What the underlying allocator is asked for.
    fn effective(&self, size: usize) -> usize {
        if self.mode.has_debug_hooks() {
            size + DEBUG_EXTRA_BYTES
        } else {
            size
        }
    }

    fn fill(p: NonNull<u8>, from: usize, to: usize, tag: u8) {
        for i in from..to {
            // SAFETY: callers pass a live block of at least `to` bytes.
            unsafe { p.as_ptr().add(i).write(tag ^ (i as u8)) };
        }
    }

    fn check_contents(&self, addr: usize, upto: usize) -> Result<(), TestCaseError> {
        let b = &self.live[&addr];
        for i in 0..upto.min(b.size) {
            // SAFETY: the block is live with `b.size` bytes.
            let got = unsafe { (addr as *const u8).add(i).read() };
            prop_assert_eq!(got, b.tag ^ (i as u8), "block {:#x} byte {}", addr, i);
        }
        Ok(())
    }

    /// The class a fresh block of `size` bytes gets.
    fn fresh_class(&self, domain: Domain, size: usize) -> Option<usize> {
        if self.mode.uses_pymalloc() && domain != Domain::Raw {
            size_class(self.effective(size))
        } else {
            None
        }
    }

    fn insert(
        &mut self,
        p: NonNull<u8>,
        domain: Domain,
        size: usize,
        class: Option<usize>,
    ) -> Result<(), TestCaseError> {
        let addr = p.as_ptr() as usize;
        let small = class.is_some();
        if small || !cfg!(miri) {
            prop_assert_eq!(addr % 16, 0, "alignment of a {}-byte block", size);
        }
        let extent = size.max(1);
        if let Some((&prev, b)) = self.live.range(..=addr).next_back() {
            prop_assert!(
                prev + b.size.max(1) <= addr,
                "overlaps the block at {:#x}",
                prev
            );
        }
        if let Some((&next, _)) = self.live.range(addr..).next() {
            prop_assert!(addr + extent <= next, "overlaps the block at {:#x}", next);
        }
        let tag = self.tag();
        self.live.insert(
            addr,
            Live {
                domain,
                size,
                tag,
                class,
            },
        );
        Ok(())
    }

    fn pick(&self, pick: usize) -> Option<usize> {
        if self.live.is_empty() {
            return None;
        }
        self.live.keys().nth(pick % self.live.len()).copied()
    }

    fn free(&mut self, addr: usize) -> Result<(), TestCaseError> {
        self.check_contents(addr, usize::MAX)?;
        let b = self.live.remove(&addr).unwrap();
        // SAFETY: `addr` is a live block of `b.domain`.
        unsafe {
            self.a
                .free(b.domain, NonNull::new(addr as *mut u8).unwrap())
        };
        Ok(())
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match *op {
            Op::Malloc { domain, size } => {
                let p = self.a.malloc(domain, size).unwrap();
                if self.mode.has_debug_hooks() {
                    for i in 0..size {
                        // SAFETY: fresh block of `size` bytes.
                        prop_assert_eq!(unsafe { p.as_ptr().add(i).read() }, 0xCD);
                    }
                }
                self.insert(p, domain, size, self.fresh_class(domain, size))?;
                let tag = self.live[&(p.as_ptr() as usize)].tag;
                Model::fill(p, 0, size, tag);
            }
            Op::Calloc {
                domain,
                nelem,
                elsize,
            } => {
                let p = self.a.calloc(domain, nelem, elsize).unwrap();
                let size = nelem * elsize;
                for i in 0..size {
                    // SAFETY: fresh block of `size` bytes.
                    prop_assert_eq!(unsafe { p.as_ptr().add(i).read() }, 0);
                }
                self.insert(p, domain, size, self.fresh_class(domain, size))?;
                let tag = self.live[&(p.as_ptr() as usize)].tag;
                Model::fill(p, 0, size, tag);
            }
            Op::Realloc { pick, size } => {
                let Some(addr) = self.pick(pick) else {
                    return Ok(());
                };
                self.check_contents(addr, usize::MAX)?;
                let old = self.live.remove(&addr).unwrap();
                let p = NonNull::new(addr as *mut u8).unwrap();
                // SAFETY: `p` is a live block of `old.domain`.
                let q = unsafe { self.a.realloc(old.domain, p, size) }.unwrap();
                let kept = old.size.min(size);
                for i in 0..kept {
                    // SAFETY: `q` has at least `kept` bytes.
                    let got = unsafe { q.as_ptr().add(i).read() };
                    prop_assert_eq!(got, old.tag ^ (i as u8), "realloc lost byte {}", i);
                }
                if self.mode.has_debug_hooks() {
                    for i in kept..size {
                        // SAFETY: grown bytes of `q`.
                        prop_assert_eq!(unsafe { q.as_ptr().add(i).read() }, 0xCD);
                    }
                }
                // pymalloc_realloc's rule, applied to what the underlying allocator sees.
                let n = self.effective(size);
                let class = match old.class {
                    Some(c) => {
                        let b = class_size(c);
                        if n <= b && 4 * n > 3 * b {
                            prop_assert_eq!(q, p, "a fitting realloc keeps the block");
                            Some(c)
                        } else {
                            size_class(n)
                        }
                    }
                    None => None,
                };
                self.insert(q, old.domain, size, class)?;
                let entry = self.live.get_mut(&(q.as_ptr() as usize)).unwrap();
                entry.tag = old.tag;
                Model::fill(q, kept, size, old.tag);
            }
            Op::Free { pick } => {
                if let Some(addr) = self.pick(pick) {
                    self.free(addr)?;
                }
            }
            Op::Burst { size, count } => {
                for _ in 0..count {
                    let p = self.a.malloc(Domain::Object, size).unwrap();
                    self.insert(
                        p,
                        Domain::Object,
                        size,
                        self.fresh_class(Domain::Object, size),
                    )?;
                    let tag = self.live[&(p.as_ptr() as usize)].tag;
                    Model::fill(p, 0, size, tag);
                }
            }
            Op::Sweep { stride } => {
                let victims: Vec<usize> = self.live.keys().step_by(stride).copied().collect();
                for addr in victims {
                    self.free(addr)?;
                }
            }
        }
        Ok(())
    }

    /// Every statistic against the model.
    fn check_stats(&self) -> Result<(), TestCaseError> {
        let st = self.a.stats();
        let mut per_class = [0usize; 32];
        let mut raw = 0;
        for b in self.live.values() {
            if !self.mode.uses_pymalloc() || b.domain == Domain::Raw {
                continue;
            }
            match b.class {
                Some(c) => per_class[c] += 1,
                None => raw += 1,
            }
        }
        let pool_blocks: usize = per_class.iter().sum();
        prop_assert_eq!(self.a.allocated_blocks(), pool_blocks + raw);
        prop_assert_eq!(st.allocated_blocks, pool_blocks + raw);
        prop_assert_eq!(st.raw_allocated_blocks, raw);
        let mut bytes = 0;
        for (c, row) in st.classes.iter().enumerate() {
            prop_assert_eq!(row.blocks_in_use, per_class[c], "class {}", c);
            prop_assert_eq!(row.size, class_size(c));
            bytes += per_class[c] * class_size(c);
            if per_class[c] > 0 {
                prop_assert!(row.pools > 0);
            }
            let cap = mempy_pymalloc::size_class::blocks_per_pool(c);
            prop_assert_eq!(row.blocks_in_use + row.free_blocks, row.pools * cap);
            // The blocks need at least this many pools.
            prop_assert!(row.pools >= per_class[c].div_ceil(cap));
        }
        prop_assert_eq!(st.bytes_in_allocated_blocks, bytes);
        prop_assert_eq!(st.accounted_bytes(), st.arena_bytes);
        prop_assert_eq!(st.arena_bytes, st.arenas_current * ARENA_SIZE);
        prop_assert_eq!(
            st.arenas_reclaimed,
            st.arenas_allocated_total - st.arenas_current
        );
        prop_assert!(st.arenas_highwater >= st.arenas_current);
        let pools: usize = st.classes.iter().map(|r| r.pools).sum();
        prop_assert_eq!(pools, st.used_pools + st.full_pools);
        prop_assert_eq!(st.unused_pools, st.empty_pools + st.untouched_pools);
        let arenas = self.a.arenas();
        prop_assert_eq!(arenas.len(), st.arenas_current);
        let total_pools: usize = arenas.iter().map(|a| a.total_pools).sum();
        prop_assert_eq!(total_pools, pools + st.unused_pools);
        prop_assert_eq!(st.bytes_in_unused_pools, st.unused_pools * POOL_SIZE);
        if let Err(e) = self.a.check_consistency() {
            return Err(TestCaseError::fail(e));
        }
        // Every live pool block can be located, and is reported allocated.
        if self.mode.uses_pymalloc() {
            for (&addr, b) in self.live.iter().take(64) {
                let loc = self.a.locate(addr);
                prop_assert_eq!(
                    loc.as_ref().map(|l| l.size_class),
                    b.class,
                    "locate {:#x}",
                    addr
                );
                if let Some(loc) = loc {
                    prop_assert_eq!(loc.state, mempy_pymalloc::BlockState::Allocated);
                }
            }
        }
        Ok(())
    }

    fn drain(&mut self) -> Result<(), TestCaseError> {
        let all: Vec<usize> = self.live.keys().copied().collect();
        for addr in all {
            self.free(addr)?;
        }
        self.check_stats()?;
        let st = self.a.stats();
        prop_assert_eq!(st.allocated_blocks, 0);
        prop_assert!(
            st.arenas_current <= 1,
            "only the kept free arena may remain"
        );
        prop_assert_eq!(st.used_pools + st.full_pools, 0);
        Ok(())
    }
}

fn cases() -> u32 {
    if cfg!(miri) {
        2
    } else {
        256
    }
}

fn max_ops() -> usize {
    if cfg!(miri) {
        20
    } else {
        600
    }
}

fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        cases: cases(),
        ..ProptestConfig::default()
    };
    if cfg!(miri) {
        // Saving failures needs the working directory, which Miri's isolation hides.
        config.failure_persistence = None;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_sequences_match_the_model(
        mode in mode(),
        placement in placement(),
        ops in proptest::collection::vec(op(), 1..max_ops()),
    ) {
        let mut m = Model::new(mode, placement);
        for op in &ops {
            m.apply(op)?;
            m.check_stats()?;
        }
        let st = m.a.stats();
        // MODEL_TRACE=1 shows how far each case pushed the arenas (coverage check).
        if std::env::var_os("MODEL_TRACE").is_some() {
            eprintln!("arenas total {} reclaimed {} highwater {}", st.arenas_allocated_total, st.arenas_reclaimed, st.arenas_highwater);
        }
        m.drain()?;
    }
}
