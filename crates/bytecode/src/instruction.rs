//! The instruction set.
//!
//! Conventions:
//! - Stack effects are written `[before] -> [after]`, top of stack rightmost.
//! - Jump targets are absolute instruction indices into `CodeObject::instructions`.
//! - `name` arguments index `CodeObject::names`, `local` arguments index `varnames`,
//!   `cell` arguments index `cellvars ++ freevars`, `const` arguments index
//!   `constants`.
//! - `NULL` is a marker value on the stack that is not a Python object (used by the
//!   method-call protocol).
//!
//! # Exception handling (block stack, as in CPython 3.10)
//!
//! Each frame has a block stack. `SetupFinally(handler)` pushes a *finally block*
//! recording the handler and the current value-stack height `level`; `PopBlock` pops it
//! on the normal path. When an exception `E` is raised (or propagates out of a call)
//! the VM unwinds:
//! 1. If the top block is an *except-handler block* (see step 2) with height `level`:
//!    truncate the value stack to `level + 1`, pop the saved previous exception `prev`
//!    and make it the frame's "currently handled exception" again (`sys.exc_info()`),
//!    pop the block and continue unwinding.
//! 2. If the top block is a finally block with `handler` and `level`: pop it, truncate
//!    the value stack to `level`, push an *except-handler block* with the same `level`,
//!    push `prev` (the currently handled exception, or `None`) and then `E`, make `E` the
//!    currently handled exception, and jump to `handler`. So a handler starts with
//!    `[.., prev, E]`.
//! 3. With no block left the frame is done: the exception propagates to the caller.
//!
//! When a traceback entry is added: every time an exception starts unwinding in a
//! frame (raised by an instruction or propagated from a call), except for `Reraise`,
//! which keeps the traceback as it is.
//!
//! # Calls
//!
//! `Call(n)`: `[callable, a1..an] -> [result]`. `CallKw(n)`: the last `len(names)` of
//! the `n` arguments are keyword arguments named by the constant tuple on top.
//! `CallEx`: `*args`/`**kwargs` calls. `LoadMethod(name)` + `CallMethod(n)` call a
//! method without creating a bound method object when the attribute is a plain
//! function found on the type.

use std::fmt;

/// `BinaryOp` operators: the 13 binary operators and their in-place forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOperator {
    Add,
    Subtract,
    Multiply,
    MatrixMultiply,
    TrueDivide,
    FloorDivide,
    Remainder,
    Power,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    InplaceAdd,
    InplaceSubtract,
    InplaceMultiply,
    InplaceMatrixMultiply,
    InplaceTrueDivide,
    InplaceFloorDivide,
    InplaceRemainder,
    InplacePower,
    InplaceLShift,
    InplaceRShift,
    InplaceAnd,
    InplaceOr,
    InplaceXor,
}

impl BinaryOperator {
    /// The symbol CPython prints in `unsupported operand type(s) for +: ...` and in
    /// the disassembly (`+=` for in-place forms).
    pub fn symbol(self) -> &'static str {
        use BinaryOperator::*;
        match self {
            Add => "+",
            Subtract => "-",
            Multiply => "*",
            MatrixMultiply => "@",
            TrueDivide => "/",
            FloorDivide => "//",
            Remainder => "%",
            Power => "**",
            LShift => "<<",
            RShift => ">>",
            And => "&",
            Or => "|",
            Xor => "^",
            InplaceAdd => "+=",
            InplaceSubtract => "-=",
            InplaceMultiply => "*=",
            InplaceMatrixMultiply => "@=",
            InplaceTrueDivide => "/=",
            InplaceFloorDivide => "//=",
            InplaceRemainder => "%=",
            InplacePower => "**=",
            InplaceLShift => "<<=",
            InplaceRShift => ">>=",
            InplaceAnd => "&=",
            InplaceOr => "|=",
            InplaceXor => "^=",
        }
    }

    /// True for the `+=` family.
    pub fn is_inplace(self) -> bool {
        (self as u8) >= (BinaryOperator::InplaceAdd as u8)
    }

    /// The plain operator of an in-place one (`+=` → `+`); plain operators map to
    /// themselves.
    pub fn without_inplace(self) -> BinaryOperator {
        use BinaryOperator::*;
        match self {
            InplaceAdd => Add,
            InplaceSubtract => Subtract,
            InplaceMultiply => Multiply,
            InplaceMatrixMultiply => MatrixMultiply,
            InplaceTrueDivide => TrueDivide,
            InplaceFloorDivide => FloorDivide,
            InplaceRemainder => Remainder,
            InplacePower => Power,
            InplaceLShift => LShift,
            InplaceRShift => RShift,
            InplaceAnd => And,
            InplaceOr => Or,
            InplaceXor => Xor,
            other => other,
        }
    }
}

/// `UnaryOp` operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOperator {
    /// `+x`
    Positive,
    /// `-x`
    Negative,
    /// `~x`
    Invert,
    /// `not x` (always a bool, never fails except through `__bool__`/`__len__`).
    Not,
}

/// `CompareOp` operators (rich comparisons only; `is`/`in` have their own opcodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComparisonOperator {
    Less,
    LessOrEqual,
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
}

impl ComparisonOperator {
    pub fn symbol(self) -> &'static str {
        match self {
            ComparisonOperator::Less => "<",
            ComparisonOperator::LessOrEqual => "<=",
            ComparisonOperator::Equal => "==",
            ComparisonOperator::NotEqual => "!=",
            ComparisonOperator::Greater => ">",
            ComparisonOperator::GreaterOrEqual => ">=",
        }
    }
}

/// The `!s` / `!r` / `!a` conversion of an f-string replacement field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

/// One instruction with its inline argument.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Instruction {
    // ----- Stack manipulation -----
    /// Does nothing (a jump landing spot or a line marker).
    Nop,
    /// `[x] -> []`
    PopTop,
    /// `Copy(n)`, n >= 1: push a new reference to the n-th item from the top.
    /// `[.., x, (n-1 items)] -> [.., x, (n-1 items), x]`
    Copy(u32),
    /// `Swap(n)`, n >= 2: swap the top item with the n-th item from the top.
    Swap(u32),

    // ----- Constants and variables -----
    /// `[] -> [constants[i]]`
    LoadConst(u32),
    /// `[] -> [value]`: fast local; raises `UnboundLocalError: cannot access local
    /// variable 'x' where it is not associated with a value` when unbound.
    LoadFast(u32),
    /// `[value] -> []`
    StoreFast(u32),
    /// `[] -> []`; raises UnboundLocalError like `LoadFast` when unbound.
    DeleteFast(u32),
    /// `[] -> [value]`: locals mapping, then globals, then builtins
    /// (module and class bodies); `NameError: name 'x' is not defined`.
    LoadName(u32),
    /// `[value] -> []`: store into the locals mapping.
    StoreName(u32),
    /// `[] -> []`: delete from the locals mapping; NameError when missing.
    DeleteName(u32),
    /// `[] -> [value]`: globals then builtins; NameError when missing.
    LoadGlobal(u32),
    /// `[value] -> []`
    StoreGlobal(u32),
    /// `[] -> []`; NameError when missing.
    DeleteGlobal(u32),
    /// `[] -> [cell contents]`: raises NameError `cannot access free variable 'x' where
    /// it is not associated with a value in enclosing scope` for an empty free cell,
    /// or UnboundLocalError for an empty cell variable of this frame.
    LoadDeref(u32),
    /// `[value] -> []`: set the cell's contents.
    StoreDeref(u32),
    /// `[] -> []`: empty the cell (error if already empty, as `LoadDeref`).
    DeleteDeref(u32),
    /// `[] -> [cell]`: push the cell object itself (to build a closure tuple).
    LoadClosure(u32),
    /// `[] -> [value]`: in a class body, look the name up in the class namespace first,
    /// then in the cell (free variable of the class body).
    LoadClassDeref(u32),

    // ----- Attributes and subscripts -----
    /// `[obj] -> [obj.name]`
    LoadAttr(u32),
    /// `[value, obj] -> []`: `obj.name = value`
    StoreAttr(u32),
    /// `[obj] -> []`: `del obj.name`
    DeleteAttr(u32),
    /// `[container, key] -> [container[key]]`
    BinarySubscr,
    /// `[value, container, key] -> []`: `container[key] = value`
    StoreSubscr,
    /// `[container, key] -> []`: `del container[key]`
    DeleteSubscr,
    /// `BuildSlice(2)`: `[start, stop] -> [slice]`; `BuildSlice(3)`:
    /// `[start, stop, step] -> [slice]`.
    BuildSlice(u32),

    // ----- Operators -----
    /// `[a, b] -> [a op b]` (in-place forms try `__iadd__` etc. first).
    BinaryOp(BinaryOperator),
    /// `[a] -> [op a]`
    UnaryOp(UnaryOperator),
    /// `[a, b] -> [a op b]`
    CompareOp(ComparisonOperator),
    /// `[a, b] -> [a is b]`, or `a is not b` when the flag is true.
    IsOp(bool),
    /// `[a, b] -> [a in b]`, or `a not in b` when the flag is true.
    ContainsOp(bool),

    // ----- Control flow -----
    /// Unconditional jump.
    Jump(u32),
    /// `[x] -> []`; jump if `x` is false.
    PopJumpIfFalse(u32),
    /// `[x] -> []`; jump if `x` is true.
    PopJumpIfTrue(u32),
    /// `[x] -> [x]` and jump if `x` is false, else `[x] -> []` (for `and`).
    JumpIfFalseOrPop(u32),
    /// `[x] -> [x]` and jump if `x` is true, else `[x] -> []` (for `or`).
    JumpIfTrueOrPop(u32),
    /// `[iterable] -> [iterator]`
    GetIter,
    /// `[iterator] -> [iterator, next]`, or when exhausted `[iterator] -> []` and jump.
    ForIter(u32),
    /// `[value] -> (returns)`: leaves the frame.
    ReturnValue,

    // ----- Building containers -----
    /// `[x1..xn] -> [(x1, .., xn)]`
    BuildTuple(u32),
    /// `[x1..xn] -> [[x1, .., xn]]`
    BuildList(u32),
    /// `[x1..xn] -> [{x1, .., xn}]`
    BuildSet(u32),
    /// `[k1, v1, .., kn, vn] -> [{k1: v1, ..}]`
    BuildMap(u32),
    /// `[v1..vn, keys_tuple] -> [{keys[0]: v1, ..}]`
    BuildConstKeyMap(u32),
    /// `[s1..sn] -> [s1 + .. + sn]` for f-strings (all items are str).
    BuildString(u32),
    /// `[list, (i-1 items), x] -> [list, (i-1 items)]` with `x` appended to `list`;
    /// `i` counts from the top after `x` is popped (comprehensions use `ListAppend(2)`).
    ListAppend(u32),
    /// As `ListAppend` for a set.
    SetAdd(u32),
    /// `[dict, .., key, value] -> [dict, ..]` with `dict[key] = value`; `i` counts from
    /// the top after both are popped.
    MapAdd(u32),
    /// `[list, .., iterable] -> [list, ..]`: `list.extend(iterable)`.
    ListExtend(u32),
    /// `[set, .., iterable] -> [set, ..]`: `set.update(iterable)`.
    SetUpdate(u32),
    /// `[dict, .., mapping] -> [dict, ..]`: `dict.update(mapping)` for `{**m}`;
    /// `TypeError: 'int' object is not a mapping` for a non-mapping.
    DictUpdate(u32),
    /// As `DictUpdate` for `f(**m)`: duplicate keys raise
    /// `TypeError: f() got multiple values for keyword argument 'k'`, and the
    /// callable (found under the dict) names the function in messages.
    DictMerge(u32),
    /// `[list] -> [tuple]`
    ListToTuple,
    /// `[seq] -> [xn, .., x1]`: unpack exactly `n` items, first item on top.
    UnpackSequence(u32),
    /// `[seq] -> [after items.., list of the middle, before items..]` with the first
    /// item on top, for `a, *b, c = seq`.
    UnpackEx { before: u16, after: u16 },
    /// `[value] -> [str]` or, with `has_spec`, `[value, spec] -> [str]`:
    /// `format(conv(value), spec)`.
    FormatValue {
        conversion: Conversion,
        has_spec: bool,
    },

    // ----- Functions and calls -----
    /// `[callable, a1..an] -> [result]`
    Call(u32),
    /// `[callable, a1..an, names] -> [result]`: `names` (a constant tuple of str) names
    /// the last `len(names)` arguments.
    CallKw(u32),
    /// `[callable, args_tuple] -> [result]`, or with the flag
    /// `[callable, args_tuple, kwargs_dict] -> [result]`. As in CPython, `f(*x)`
    /// with a single starred argument pushes `x` itself: anything that is not a
    /// tuple is converted with `tuple()` first, raising `TypeError: f() argument
    /// after * must be an iterable, not int` for a non-iterable. The kwargs item is
    /// always a dict built by the compiler (`BuildMap` + `DictMerge`).
    CallEx { has_kwargs: bool },
    /// `[obj] -> [method, obj]` when `type(obj)` has a plain function `name` not shadowed
    /// by an instance attribute; otherwise `[obj] -> [NULL, getattr(obj, name)]`.
    LoadMethod(u32),
    /// `[method_or_NULL, self_or_callable, a1..an] -> [result]`: with a method, call
    /// `method(self, a1..an)`; with NULL, call `callable(a1..an)`.
    CallMethod(u32),
    /// Makes a function from the code object on top. The flags select extra items
    /// below it, pushed in this order: `0x01` defaults tuple, `0x02` keyword-only
    /// defaults dict, `0x04` annotations dict, `0x08` closure tuple of cells.
    /// `[defaults?, kwdefaults?, annotations?, closure?, code] -> [function]`
    MakeFunction(u32),
    /// `[] -> [builtins.__build_class__]`
    LoadBuildClass,

    // ----- Generators -----
    /// `[value] -> [sent]`: suspend the generator yielding `value`; on resume the value
    /// passed to `send()` (None for `next()`) is pushed.
    YieldValue,
    /// `[iterable] -> [iterator]`: `iter()`, except that generators pass through.
    GetYieldFromIter,
    /// `[iterator, value] -> [result]`: delegate (`yield from`): send `value` into the
    /// iterator (`next()` when it is None); if the iterator yields, suspend yielding
    /// that value and, when resumed with `v`, re-execute this instruction with
    /// `[iterator, v]`; when it returns, push its return value (`StopIteration.value`).
    /// `throw()`/`close()` on the outer generator are forwarded to the iterator.
    YieldFrom,

    // ----- Exceptions -----
    /// Push a finally block (see the module docs).
    SetupFinally(u32),
    /// `[exit, enter_result] -> [exit, enter_result]`: push a finally block for a
    /// `with` body, exactly as `SetupFinally` except that the block's `level` is the
    /// current height minus one. `BeforeWith` has just pushed `__exit__` and the
    /// `__enter__` result; the result belongs to the body (the `as` target consumes
    /// it inside the protected region, as in CPython), so the handler starts with
    /// `[.., exit, prev, exc]`. (Added by the compiler: with `SetupFinally` the
    /// level would include the already-consumed `__enter__` result.)
    SetupWith(u32),
    /// Pop the top block (normal exit from a `try` body).
    PopBlock,
    /// `[.., prev] -> [..]` while the top block is an except-handler block: pop the block
    /// and restore `prev` as the currently handled exception.
    PopExcept,
    /// `[exc] -> (raises)`: re-raise `exc` without adding a traceback entry.
    Reraise,
    /// `RaiseVarargs(0)`: re-raise the currently handled exception
    /// (`RuntimeError: No active exception to reraise` when there is none);
    /// `(1)`: `[exc] -> (raises)`; `(2)`: `[exc, cause] -> (raises)`, `raise exc from cause`.
    /// A class is instantiated with no arguments.
    RaiseVarargs(u32),
    /// `[exc, type] -> [exc, bool]`: does `exc` match the class or tuple of classes?
    /// `TypeError: catching classes that do not inherit from BaseException is not
    /// allowed` for anything else.
    CheckExcMatch,
    /// `[mgr] -> [bound __exit__, result of __enter__()]`; AttributeError if `mgr` has
    /// no `__enter__`/`__exit__` (CPython 3.11's message: `'X' object does not support
    /// the context manager protocol`).
    BeforeWith,
    /// `[exit, prev, exc] -> [exit, prev, exc, result]`: call
    /// `exit(type(exc), exc, exc.__traceback__)` for a `with` body that raised.
    WithExceptStart,
    /// `[] -> [AssertionError]` (the class, from builtins, even if shadowed).
    LoadAssertionError,

    // ----- Modules and namespaces -----
    /// `[level, fromlist] -> [module]`: `__import__(names[i], globals, None, fromlist,
    /// level)`: for `import a.b` the top package `a` is returned when fromlist is None.
    ImportName(u32),
    /// `[module] -> [module, module.name]`; `ImportError: cannot import name 'x' from
    /// 'm' (path)` when missing.
    ImportFrom(u32),
    /// `[module] -> []`: `from module import *` into the locals mapping.
    ImportStar,
    /// `[] -> []`: create `__annotations__` in the locals mapping if missing.
    SetupAnnotations,
    /// `[value] -> []`: REPL echo through `sys.displayhook` (also sets `builtins._`).
    PrintExpr,
}

impl Instruction {
    /// The net change of the value-stack depth when the instruction runs, for the
    /// path that jumps (`jump == true`) or falls through. Exception handler entry
    /// (+2 at the handler, see the module docs; +1 for `SetupWith`, whose level is
    /// one below the current height) is accounted by the compiler.
    pub fn stack_effect(self, jump: bool) -> i32 {
        use Instruction::*;
        match self {
            Nop | Jump(_) | SetupFinally(_) | SetupWith(_) | PopBlock | SetupAnnotations => 0,
            PopTop => -1,
            Copy(_) => 1,
            Swap(_) => 0,
            LoadConst(_) | LoadFast(_) | LoadName(_) | LoadGlobal(_) | LoadDeref(_)
            | LoadClosure(_) | LoadClassDeref(_) | LoadBuildClass | LoadAssertionError => 1,
            StoreFast(_) | StoreName(_) | StoreGlobal(_) | StoreDeref(_) => -1,
            DeleteFast(_) | DeleteName(_) | DeleteGlobal(_) | DeleteDeref(_) => 0,
            LoadAttr(_) => 0,
            StoreAttr(_) => -2,
            DeleteAttr(_) => -1,
            BinarySubscr => -1,
            StoreSubscr => -3,
            DeleteSubscr => -2,
            BuildSlice(n) => 1 - n as i32,
            BinaryOp(_) | CompareOp(_) | IsOp(_) | ContainsOp(_) => -1,
            UnaryOp(_) => 0,
            PopJumpIfFalse(_) | PopJumpIfTrue(_) => -1,
            JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => {
                if jump {
                    0
                } else {
                    -1
                }
            }
            GetIter | GetYieldFromIter => 0,
            ForIter(_) => {
                if jump {
                    -1
                } else {
                    1
                }
            }
            ReturnValue => -1,
            BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) => 1 - n as i32,
            BuildMap(n) => 1 - 2 * n as i32,
            BuildConstKeyMap(n) => -(n as i32),
            ListAppend(_) | SetAdd(_) | ListExtend(_) | SetUpdate(_) | DictUpdate(_)
            | DictMerge(_) => -1,
            MapAdd(_) => -2,
            ListToTuple => 0,
            UnpackSequence(n) => n as i32 - 1,
            UnpackEx { before, after } => before as i32 + after as i32,
            FormatValue { has_spec, .. } => {
                if has_spec {
                    -1
                } else {
                    0
                }
            }
            Call(n) => -(n as i32),
            CallKw(n) => -(n as i32) - 1,
            CallEx { has_kwargs } => {
                if has_kwargs {
                    -2
                } else {
                    -1
                }
            }
            LoadMethod(_) => 1,
            CallMethod(n) => -(n as i32) - 1,
            MakeFunction(flags) => -((flags & 0xf).count_ones() as i32),
            YieldValue => 0,
            YieldFrom => -1,
            PopExcept => -1,
            Reraise => -1,
            RaiseVarargs(n) => -(n as i32),
            CheckExcMatch => 0,
            BeforeWith => 1,
            WithExceptStart => 1,
            ImportName(_) => -1,
            ImportFrom(_) => 1,
            ImportStar => -1,
            PrintExpr => -1,
        }
    }

    /// The jump target, for instructions that can jump.
    pub fn jump_target(self) -> Option<u32> {
        use Instruction::*;
        match self {
            Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | JumpIfFalseOrPop(t)
            | JumpIfTrueOrPop(t) | ForIter(t) | SetupFinally(t) | SetupWith(t) => Some(t),
            _ => None,
        }
    }

    /// True when control never falls through to the next instruction.
    pub fn is_terminator(self) -> bool {
        matches!(
            self,
            Instruction::Jump(_)
                | Instruction::ReturnValue
                | Instruction::Reraise
                | Instruction::RaiseVarargs(_)
        )
    }

    /// CPython-style upper-case opcode name, for the disassembler.
    pub fn opname(self) -> &'static str {
        use Instruction::*;
        match self {
            Nop => "NOP",
            PopTop => "POP_TOP",
            Copy(_) => "COPY",
            Swap(_) => "SWAP",
            LoadConst(_) => "LOAD_CONST",
            LoadFast(_) => "LOAD_FAST",
            StoreFast(_) => "STORE_FAST",
            DeleteFast(_) => "DELETE_FAST",
            LoadName(_) => "LOAD_NAME",
            StoreName(_) => "STORE_NAME",
            DeleteName(_) => "DELETE_NAME",
            LoadGlobal(_) => "LOAD_GLOBAL",
            StoreGlobal(_) => "STORE_GLOBAL",
            DeleteGlobal(_) => "DELETE_GLOBAL",
            LoadDeref(_) => "LOAD_DEREF",
            StoreDeref(_) => "STORE_DEREF",
            DeleteDeref(_) => "DELETE_DEREF",
            LoadClosure(_) => "LOAD_CLOSURE",
            LoadClassDeref(_) => "LOAD_CLASSDEREF",
            LoadAttr(_) => "LOAD_ATTR",
            StoreAttr(_) => "STORE_ATTR",
            DeleteAttr(_) => "DELETE_ATTR",
            BinarySubscr => "BINARY_SUBSCR",
            StoreSubscr => "STORE_SUBSCR",
            DeleteSubscr => "DELETE_SUBSCR",
            BuildSlice(_) => "BUILD_SLICE",
            BinaryOp(_) => "BINARY_OP",
            UnaryOp(UnaryOperator::Positive) => "UNARY_POSITIVE",
            UnaryOp(UnaryOperator::Negative) => "UNARY_NEGATIVE",
            UnaryOp(UnaryOperator::Invert) => "UNARY_INVERT",
            UnaryOp(UnaryOperator::Not) => "UNARY_NOT",
            CompareOp(_) => "COMPARE_OP",
            IsOp(_) => "IS_OP",
            ContainsOp(_) => "CONTAINS_OP",
            Jump(_) => "JUMP",
            PopJumpIfFalse(_) => "POP_JUMP_IF_FALSE",
            PopJumpIfTrue(_) => "POP_JUMP_IF_TRUE",
            JumpIfFalseOrPop(_) => "JUMP_IF_FALSE_OR_POP",
            JumpIfTrueOrPop(_) => "JUMP_IF_TRUE_OR_POP",
            GetIter => "GET_ITER",
            ForIter(_) => "FOR_ITER",
            ReturnValue => "RETURN_VALUE",
            BuildTuple(_) => "BUILD_TUPLE",
            BuildList(_) => "BUILD_LIST",
            BuildSet(_) => "BUILD_SET",
            BuildMap(_) => "BUILD_MAP",
            BuildConstKeyMap(_) => "BUILD_CONST_KEY_MAP",
            BuildString(_) => "BUILD_STRING",
            ListAppend(_) => "LIST_APPEND",
            SetAdd(_) => "SET_ADD",
            MapAdd(_) => "MAP_ADD",
            ListExtend(_) => "LIST_EXTEND",
            SetUpdate(_) => "SET_UPDATE",
            DictUpdate(_) => "DICT_UPDATE",
            DictMerge(_) => "DICT_MERGE",
            ListToTuple => "LIST_TO_TUPLE",
            UnpackSequence(_) => "UNPACK_SEQUENCE",
            UnpackEx { .. } => "UNPACK_EX",
            FormatValue { .. } => "FORMAT_VALUE",
            Call(_) => "CALL",
            CallKw(_) => "CALL_KW",
            CallEx { .. } => "CALL_FUNCTION_EX",
            LoadMethod(_) => "LOAD_METHOD",
            CallMethod(_) => "CALL_METHOD",
            MakeFunction(_) => "MAKE_FUNCTION",
            LoadBuildClass => "LOAD_BUILD_CLASS",
            YieldValue => "YIELD_VALUE",
            GetYieldFromIter => "GET_YIELD_FROM_ITER",
            YieldFrom => "YIELD_FROM",
            SetupFinally(_) => "SETUP_FINALLY",
            SetupWith(_) => "SETUP_WITH",
            PopBlock => "POP_BLOCK",
            PopExcept => "POP_EXCEPT",
            Reraise => "RERAISE",
            RaiseVarargs(_) => "RAISE_VARARGS",
            CheckExcMatch => "CHECK_EXC_MATCH",
            BeforeWith => "BEFORE_WITH",
            WithExceptStart => "WITH_EXCEPT_START",
            LoadAssertionError => "LOAD_ASSERTION_ERROR",
            ImportName(_) => "IMPORT_NAME",
            ImportFrom(_) => "IMPORT_FROM",
            ImportStar => "IMPORT_STAR",
            SetupAnnotations => "SETUP_ANNOTATIONS",
            PrintExpr => "PRINT_EXPR",
        }
    }
}

impl fmt::Display for Instruction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.opname())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instruction_is_small() {
        // The eval loop walks a Vec<Instruction>; keep each one within 8 bytes.
        assert!(std::mem::size_of::<Instruction>() <= 8);
    }

    #[test]
    fn inplace_operators_map_to_plain_ones() {
        assert!(BinaryOperator::InplaceXor.is_inplace());
        assert!(!BinaryOperator::Xor.is_inplace());
        assert_eq!(
            BinaryOperator::InplaceFloorDivide.without_inplace(),
            BinaryOperator::FloorDivide
        );
        assert_eq!(BinaryOperator::InplacePower.symbol(), "**=");
    }
}
