;; Deepwire's optimizer updates in WebAssembly SIMD (issue 12), run on the TF.js wasm backend's own
;; memory (imported), so the variables, their optimizer state and the gradients are read and the
;; new values written where TF.js keeps them: no copies. Pointers are byte offsets into that memory;
;; the outputs never overlap the inputs (TF.js allocates them fresh). Four float32 lanes at a time,
;; then the last n mod 4 one by one, the same arithmetic. Built into updatesWasm.ts by
;; scripts/build-wasm.mjs (wabt); simd.test.ts checks the two agree.
(module
  (import "env" "memory" (memory 1))

  ;; Adam as TF.js runs it, with the bias corrections folded into s1 = lr / (1 - beta1^t) and
  ;; s2 = 1 / (1 - beta2^t):
  ;;   m' = b1 m + k1 g    v' = b2 v + k2 g^2    w' = w - s1 m' / (sqrt(s2 v') + eps)
  (func (export "adam")
    (param $w i32) (param $m i32) (param $v i32) (param $g i32)
    (param $w2 i32) (param $m2 i32) (param $v2 i32) (param $n i32)
    (param $b1 f32) (param $k1 f32) (param $b2 f32) (param $k2 f32)
    (param $s1 f32) (param $s2 f32) (param $eps f32)
    (local $o i32) (local $end i32)
    (local $B1 v128) (local $K1 v128) (local $B2 v128) (local $K2 v128)
    (local $S1 v128) (local $S2 v128) (local $E v128)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $K1 (f32x4.splat (local.get $k1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $K2 (f32x4.splat (local.get $k2)))
    (local.set $S1 (f32x4.splat (local.get $s1)))
    (local.set $S2 (f32x4.splat (local.get $s2)))
    (local.set $E (f32x4.splat (local.get $eps)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectors_done
      (loop $vector
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $mv
          (f32x4.add
            (f32x4.mul (local.get $B1) (v128.load (i32.add (local.get $m) (local.get $o))))
            (f32x4.mul (local.get $K1) (local.get $gv))))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (local.get $B2) (v128.load (i32.add (local.get $v) (local.get $o))))
            (f32x4.mul (local.get $K2) (f32x4.mul (local.get $gv) (local.get $gv)))))
        (v128.store (i32.add (local.get $m2) (local.get $o)) (local.get $mv))
        (v128.store (i32.add (local.get $v2) (local.get $o)) (local.get $vv))
        (v128.store (i32.add (local.get $w2) (local.get $o))
          (f32x4.sub
            (v128.load (i32.add (local.get $w) (local.get $o)))
            (f32x4.div
              (f32x4.mul (local.get $S1) (local.get $mv))
              (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $S2) (local.get $vv))) (local.get $E)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vector)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $scalars_done
      (loop $scalar
        (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
        (local.set $ms
          (f32.add
            (f32.mul (local.get $b1) (f32.load (i32.add (local.get $m) (local.get $o))))
            (f32.mul (local.get $k1) (local.get $gs))))
        (local.set $vs
          (f32.add
            (f32.mul (local.get $b2) (f32.load (i32.add (local.get $v) (local.get $o))))
            (f32.mul (local.get $k2) (f32.mul (local.get $gs) (local.get $gs)))))
        (f32.store (i32.add (local.get $m2) (local.get $o)) (local.get $ms))
        (f32.store (i32.add (local.get $v2) (local.get $o)) (local.get $vs))
        (f32.store (i32.add (local.get $w2) (local.get $o))
          (f32.sub
            (f32.load (i32.add (local.get $w) (local.get $o)))
            (f32.div
              (f32.mul (local.get $s1) (local.get $ms))
              (f32.add (f32.sqrt (f32.mul (local.get $s2) (local.get $vs))) (local.get $eps)))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $scalar))))

  ;; RMSprop (not centred) as TF.js runs it:
  ;;   s' = rho s + k g^2    u' = mom u + lr g / sqrt(s' + eps)    w' = w - u'     (k = 1 - rho)
  (func (export "rmsprop")
    (param $w i32) (param $s i32) (param $u i32) (param $g i32)
    (param $w2 i32) (param $s2 i32) (param $u2 i32) (param $n i32)
    (param $rho f32) (param $k f32) (param $mom f32) (param $lr f32) (param $eps f32)
    (local $o i32) (local $end i32)
    (local $RHO v128) (local $K v128) (local $MOM v128) (local $LR v128) (local $E v128)
    (local $gv v128) (local $sv v128) (local $uv v128)
    (local $gs f32) (local $ss f32) (local $us f32)
    (local.set $RHO (f32x4.splat (local.get $rho)))
    (local.set $K (f32x4.splat (local.get $k)))
    (local.set $MOM (f32x4.splat (local.get $mom)))
    (local.set $LR (f32x4.splat (local.get $lr)))
    (local.set $E (f32x4.splat (local.get $eps)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectors_done
      (loop $vector
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $sv
          (f32x4.add
            (f32x4.mul (local.get $RHO) (v128.load (i32.add (local.get $s) (local.get $o))))
            (f32x4.mul (local.get $K) (f32x4.mul (local.get $gv) (local.get $gv)))))
        (local.set $uv
          (f32x4.add
            (f32x4.mul (local.get $MOM) (v128.load (i32.add (local.get $u) (local.get $o))))
            (f32x4.div
              (f32x4.mul (local.get $LR) (local.get $gv))
              (f32x4.sqrt (f32x4.add (local.get $sv) (local.get $E))))))
        (v128.store (i32.add (local.get $s2) (local.get $o)) (local.get $sv))
        (v128.store (i32.add (local.get $u2) (local.get $o)) (local.get $uv))
        (v128.store (i32.add (local.get $w2) (local.get $o))
          (f32x4.sub (v128.load (i32.add (local.get $w) (local.get $o))) (local.get $uv)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vector)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $scalars_done
      (loop $scalar
        (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
        (local.set $ss
          (f32.add
            (f32.mul (local.get $rho) (f32.load (i32.add (local.get $s) (local.get $o))))
            (f32.mul (local.get $k) (f32.mul (local.get $gs) (local.get $gs)))))
        (local.set $us
          (f32.add
            (f32.mul (local.get $mom) (f32.load (i32.add (local.get $u) (local.get $o))))
            (f32.div
              (f32.mul (local.get $lr) (local.get $gs))
              (f32.sqrt (f32.add (local.get $ss) (local.get $eps))))))
        (f32.store (i32.add (local.get $s2) (local.get $o)) (local.get $ss))
        (f32.store (i32.add (local.get $u2) (local.get $o)) (local.get $us))
        (f32.store (i32.add (local.get $w2) (local.get $o))
          (f32.sub (f32.load (i32.add (local.get $w) (local.get $o))) (local.get $us)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $scalar)))))
