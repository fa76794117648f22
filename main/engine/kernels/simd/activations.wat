;; Deepwire's activation gradients in WebAssembly SIMD (issue 12), on the TF.js wasm backend's own
;; memory (imported; pointers are byte offsets into it; out never overlaps the inputs). Each is
;; TF.js 4.22's gradient formula with the same float32 operations, four lanes at a time, then the
;; last n mod 4 one by one. Built into activationsWasm.ts by scripts/build-wasm.mjs.
(module
  (import "env" "memory" (memory 1))

  ;; ReLU: dy · step(x), step = 1 where x > 0, 0 elsewhere, NaN where x is NaN.
  (func (export "relu_grad") (param $dy i32) (param $x i32) (param $out i32) (param $n i32)
    (local $o i32) (local $end i32) (local $xv v128) (local $xs f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectors_done
      (loop $vector
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $o))))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f32x4.mul
            (v128.load (i32.add (local.get $dy) (local.get $o)))
            (v128.or
              (v128.and (f32x4.gt (local.get $xv) (f32x4.splat (f32.const 0))) (f32x4.splat (f32.const 1)))
              (v128.and (f32x4.ne (local.get $xv) (local.get $xv)) (f32x4.splat (f32.const nan))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vector)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $scalars_done
      (loop $scalar
        (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $xs (f32.load (i32.add (local.get $x) (local.get $o))))
        (f32.store (i32.add (local.get $out) (local.get $o))
          (f32.mul
            (f32.load (i32.add (local.get $dy) (local.get $o)))
            (if (result f32) (f32.ne (local.get $xs) (local.get $xs))
              (then (f32.const nan))
              (else (if (result f32) (f32.gt (local.get $xs) (f32.const 0))
                (then (f32.const 1))
                (else (f32.const 0)))))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $scalar))))

  ;; tanh, from its output y: (1 − y²) · dy.
  (func (export "tanh_grad") (param $dy i32) (param $y i32) (param $out i32) (param $n i32)
    (local $o i32) (local $end i32) (local $yv v128) (local $ys f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectors_done
      (loop $vector
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $yv (v128.load (i32.add (local.get $y) (local.get $o))))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f32x4.mul
            (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $yv) (local.get $yv)))
            (v128.load (i32.add (local.get $dy) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vector)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $scalars_done
      (loop $scalar
        (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $ys (f32.load (i32.add (local.get $y) (local.get $o))))
        (f32.store (i32.add (local.get $out) (local.get $o))
          (f32.mul
            (f32.sub (f32.const 1) (f32.mul (local.get $ys) (local.get $ys)))
            (f32.load (i32.add (local.get $dy) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $scalar))))

  ;; sigmoid, from its output y: dy · (y · (1 − y)).
  (func (export "sigmoid_grad") (param $dy i32) (param $y i32) (param $out i32) (param $n i32)
    (local $o i32) (local $end i32) (local $yv v128) (local $ys f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectors_done
      (loop $vector
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $yv (v128.load (i32.add (local.get $y) (local.get $o))))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f32x4.mul
            (v128.load (i32.add (local.get $dy) (local.get $o)))
            (f32x4.mul (local.get $yv) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $yv)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vector)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $scalars_done
      (loop $scalar
        (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $ys (f32.load (i32.add (local.get $y) (local.get $o))))
        (f32.store (i32.add (local.get $out) (local.get $o))
          (f32.mul
            (f32.load (i32.add (local.get $dy) (local.get $o)))
            (f32.mul (local.get $ys) (f32.sub (f32.const 1) (local.get $ys)))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $scalar))))

  ;; LeakyReLU from its input x: dy · (1 where x > 0, α elsewhere, NaN where x is NaN), as TF.js's
  ;; dy · step(x, α).
  (func (export "leaky_relu_grad") (param $dy i32) (param $x i32) (param $out i32) (param $n i32) (param $alpha f32)
    (local $o i32) (local $end i32) (local $xv v128) (local $xs f32) (local $alphas v128)
    (local.set $alphas (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectors_done
      (loop $vector
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $o))))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f32x4.mul
            (v128.load (i32.add (local.get $dy) (local.get $o)))
            (v128.bitselect
              (f32x4.splat (f32.const nan))
              (v128.bitselect
                (f32x4.splat (f32.const 1))
                (local.get $alphas)
                (f32x4.gt (local.get $xv) (f32x4.splat (f32.const 0))))
              (f32x4.ne (local.get $xv) (local.get $xv)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vector)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $scalars_done
      (loop $scalar
        (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $xs (f32.load (i32.add (local.get $x) (local.get $o))))
        (f32.store (i32.add (local.get $out) (local.get $o))
          (f32.mul
            (f32.load (i32.add (local.get $dy) (local.get $o)))
            (if (result f32) (f32.ne (local.get $xs) (local.get $xs))
              (then (f32.const nan))
              (else (if (result f32) (f32.gt (local.get $xs) (f32.const 0))
                (then (f32.const 1))
                (else (local.get $alpha)))))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $scalar))))

  ;; A bias over the last axis: out[r, c] = x[r, c] + b[c] for a row-major rows × cols x (a layer's
  ;; pre-activation plus its bias, as TF.js's broadcasting Add). Four columns at a time, then the
  ;; last cols mod 4 one by one, row after row.
  (func (export "bias_add") (param $x i32) (param $b i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $c i32) (local $row_bytes i32) (local $vec_end i32)
    (local.set $row_bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $vec_end (i32.shl (i32.and (local.get $cols) (i32.const -4)) (i32.const 2)))
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.eqz (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $vectors_done
          (loop $vector
            (br_if $vectors_done (i32.ge_u (local.get $c) (local.get $vec_end)))
            (v128.store (i32.add (local.get $out) (local.get $c))
              (f32x4.add
                (v128.load (i32.add (local.get $x) (local.get $c)))
                (v128.load (i32.add (local.get $b) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $vector)))
        (block $scalars_done
          (loop $scalar
            (br_if $scalars_done (i32.ge_u (local.get $c) (local.get $row_bytes)))
            (f32.store (i32.add (local.get $out) (local.get $c))
              (f32.add
                (f32.load (i32.add (local.get $x) (local.get $c)))
                (f32.load (i32.add (local.get $b) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $scalar)))
        (local.set $x (i32.add (local.get $x) (local.get $row_bytes)))
        (local.set $out (i32.add (local.get $out) (local.get $row_bytes)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $each_row))))
)
