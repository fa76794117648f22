;; Deepwire's reductions in WebAssembly SIMD (issue 12), on the TF.js wasm backend's own memory
;; (imported; pointers are byte offsets into it). Built into reductionsWasm.ts by
;; scripts/build-wasm.mjs; simd.test.ts checks the two agree.
(module
  (import "env" "memory" (memory 1))

  ;; Column sums of a row-major rows×cols matrix: out[c] = Σ_r x[r·cols + c], added row after row
  ;; in float32 (the bias gradient of a layer: the sum over batch and positions of dy). Four columns
  ;; at a time, the last cols mod 4 one by one; out must not overlap x.
  (func (export "colsum") (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $row i32) (local $vec_end i32) (local $end i32)
    (local.set $end (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $vec_end (i32.shl (i32.and (local.get $cols) (i32.const -4)) (i32.const 2)))
    ;; out = 0
    (local.set $c (i32.const 0))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $c) (local.get $end)))
        (f32.store (i32.add (local.get $out) (local.get $c)) (f32.const 0))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $zero)))
    (local.set $row (local.get $x))
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $vectors_done
          (loop $vector
            (br_if $vectors_done (i32.ge_u (local.get $c) (local.get $vec_end)))
            (v128.store (i32.add (local.get $out) (local.get $c))
              (f32x4.add
                (v128.load (i32.add (local.get $out) (local.get $c)))
                (v128.load (i32.add (local.get $row) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $vector)))
        (block $scalars_done
          (loop $scalar
            (br_if $scalars_done (i32.ge_u (local.get $c) (local.get $end)))
            (f32.store (i32.add (local.get $out) (local.get $c))
              (f32.add
                (f32.load (i32.add (local.get $out) (local.get $c)))
                (f32.load (i32.add (local.get $row) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $scalar)))
        (local.set $row (i32.add (local.get $row) (local.get $end)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each_row)))))
