;; Deepwire's matrix product, convolution and pooling gradients in WebAssembly SIMD (issue 12), on the TF.js wasm backend's own
;; memory (imported; pointers are byte offsets into it). Built into convolutionsWasm.ts by
;; scripts/build-wasm.mjs; simd.test.ts checks the two agree.
(module
  (import "env" "memory" (memory 1))

  ;; A convolution's filter gradient, dW[k, co] += Σ_{n, oh, ow} x[window(n, oh, ow) + k] · dy[n, oh, ow, co],
  ;; as a register-blocked matrix product that reads the receptive fields straight from x (no im2col
  ;; copy): four filter rows k (each a (kh, kw, ci) of the window, given as the byte offset `offs[k]`
  ;; of its value from the window's first one) times eight output channels, eight f32x4 accumulators
  ;; held in locals across every position of an image.
  ;;
  ;; x is padded so every window lies inside it: image n's window at (oh, ow) starts at
  ;; x + n·img + oh·row + ow·col (byte strides, the convolution's stride folded in). dy is
  ;; [N, OH, OW, cout] (rows of `cout` floats). dw is kp × coutp floats (kp = the rows rounded up to 4,
  ;; coutp = the channels rounded up to 8), added into, so the caller zeroes it first; rows past the
  ;; real K must have a valid offset (0), and channels past cout read the next position's values (or,
  ;; after the last position, up to coutp − cout floats past dy, which must be memory): the caller
  ;; ignores both.
  (func (export "filter_grad")
    (param $x i32) (param $dy i32) (param $dw i32) (param $offs i32)
    (param $n_images i32) (param $oh_n i32) (param $ow_n i32) (param $kp i32) (param $coutp i32) (param $cout i32)
    (param $img i32) (param $row i32) (param $col i32)
    (local $n i32) (local $kt i32) (local $ct i32) (local $oh i32) (local $ow i32)
    (local $x_img i32) (local $dy_img i32) (local $x_row i32) (local $x_pos i32) (local $dy_pos i32)
    (local $w i32) (local $w_row i32) (local $dy_step i32) (local $dy_img_bytes i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local.set $dy_step (i32.shl (local.get $cout) (i32.const 2)))
    (local.set $dy_img_bytes (i32.mul (i32.mul (local.get $oh_n) (local.get $ow_n)) (local.get $dy_step)))
    (local.set $w_row (i32.shl (local.get $coutp) (i32.const 2)))
    (local.set $x_img (local.get $x))
    (local.set $dy_img (local.get $dy))
    (block $images_done
      (loop $each_image
        (br_if $images_done (i32.ge_u (local.get $n) (local.get $n_images)))
        (local.set $kt (i32.const 0))
        (block $rows_done
          (loop $each_row_block
            (br_if $rows_done (i32.ge_u (local.get $kt) (local.get $kp)))
            (local.set $o0 (i32.load (i32.add (local.get $offs) (i32.shl (local.get $kt) (i32.const 2)))))
            (local.set $o1 (i32.load offset=4 (i32.add (local.get $offs) (i32.shl (local.get $kt) (i32.const 2)))))
            (local.set $o2 (i32.load offset=8 (i32.add (local.get $offs) (i32.shl (local.get $kt) (i32.const 2)))))
            (local.set $o3 (i32.load offset=12 (i32.add (local.get $offs) (i32.shl (local.get $kt) (i32.const 2)))))
            (local.set $ct (i32.const 0))
            (block $channels_done
              (loop $each_channel_block
                (br_if $channels_done (i32.ge_u (local.get $ct) (local.get $coutp)))
                (local.set $w
                  (i32.add (local.get $dw)
                    (i32.shl (i32.add (i32.mul (local.get $kt) (local.get $coutp)) (local.get $ct)) (i32.const 2))))
                (local.set $a0 (v128.load (local.get $w)))
                (local.set $a1 (v128.load offset=16 (local.get $w)))
                (local.set $a2 (v128.load (i32.add (local.get $w) (local.get $w_row))))
                (local.set $a3 (v128.load offset=16 (i32.add (local.get $w) (local.get $w_row))))
                (local.set $a4 (v128.load (i32.add (local.get $w) (i32.shl (local.get $w_row) (i32.const 1)))))
                (local.set $a5 (v128.load offset=16 (i32.add (local.get $w) (i32.shl (local.get $w_row) (i32.const 1)))))
                (local.set $a6 (v128.load (i32.add (local.get $w) (i32.mul (local.get $w_row) (i32.const 3)))))
                (local.set $a7 (v128.load offset=16 (i32.add (local.get $w) (i32.mul (local.get $w_row) (i32.const 3)))))
                (local.set $dy_pos (i32.add (local.get $dy_img) (i32.shl (local.get $ct) (i32.const 2))))
                (local.set $x_row (local.get $x_img))
                (local.set $oh (local.get $oh_n))
                (loop $each_output_row
                  (local.set $x_pos (local.get $x_row))
                  (local.set $ow (local.get $ow_n))
                  (loop $each_position
                    (local.set $d0 (v128.load (local.get $dy_pos)))
                    (local.set $d1 (v128.load offset=16 (local.get $dy_pos)))
                    (local.set $s (v128.load32_splat (i32.add (local.get $x_pos) (local.get $o0))))
                    (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $s (v128.load32_splat (i32.add (local.get $x_pos) (local.get $o1))))
                    (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $s (v128.load32_splat (i32.add (local.get $x_pos) (local.get $o2))))
                    (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $s (v128.load32_splat (i32.add (local.get $x_pos) (local.get $o3))))
                    (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $x_pos (i32.add (local.get $x_pos) (local.get $col)))
                    (local.set $dy_pos (i32.add (local.get $dy_pos) (local.get $dy_step)))
                    (br_if $each_position (local.tee $ow (i32.sub (local.get $ow) (i32.const 1)))))
                  (local.set $x_row (i32.add (local.get $x_row) (local.get $row)))
                  (br_if $each_output_row (local.tee $oh (i32.sub (local.get $oh) (i32.const 1)))))
                (v128.store (local.get $w) (local.get $a0))
                (v128.store offset=16 (local.get $w) (local.get $a1))
                (v128.store (i32.add (local.get $w) (local.get $w_row)) (local.get $a2))
                (v128.store offset=16 (i32.add (local.get $w) (local.get $w_row)) (local.get $a3))
                (v128.store (i32.add (local.get $w) (i32.shl (local.get $w_row) (i32.const 1))) (local.get $a4))
                (v128.store offset=16 (i32.add (local.get $w) (i32.shl (local.get $w_row) (i32.const 1))) (local.get $a5))
                (v128.store (i32.add (local.get $w) (i32.mul (local.get $w_row) (i32.const 3))) (local.get $a6))
                (v128.store offset=16 (i32.add (local.get $w) (i32.mul (local.get $w_row) (i32.const 3))) (local.get $a7))
                (local.set $ct (i32.add (local.get $ct) (i32.const 8)))
                (br $each_channel_block)))
            (local.set $kt (i32.add (local.get $kt) (i32.const 4)))
            (br $each_row_block)))
        (local.set $x_img (i32.add (local.get $x_img) (local.get $img)))
        (local.set $dy_img (i32.add (local.get $dy_img) (local.get $dy_img_bytes)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $each_image))))

  ;; Max pooling's gradient for 2×2 windows with stride 2 and no padding (windows tile the plane):
  ;; each window's dy goes to its largest pixel, the first in (h, w) order on ties or NaN (strict >
  ;; against the running maximum, as maxPoolGrad.ts's scalar loop); its other three pixels get 0.
  ;; Four channels at a time, so C must be a multiple of 4. x and dx are [N, H, W, C] (byte strides
  ;; `pixel` = C·4, `row` = W·C·4, `img` = H·W·C·4), dy [N, OH, OW, C]; pixels in no window (an odd
  ;; last row or column) are not written, so the caller zeroes dx first where there are any.
  (func (export "maxpool_grad_2x2")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n_images i32) (param $oh_n i32) (param $ow_n i32)
    (param $pixel i32) (param $row i32) (param $img i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $c i32)
    (local $x_img i32) (local $at i32) (local $out i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $d v128)
    (local $g1 v128) (local $g2 v128) (local $g3 v128) (local $best v128)
    (local.set $x_img (local.get $x))
    (local.set $n (local.get $n_images))
    (loop $each_image
      (local.set $oh (i32.const 0))
      (loop $each_row
        (local.set $ow (i32.const 0))
        (loop $each_window
          ;; the window's top-left pixel, in x and in dx
          (local.set $at
            (i32.add (local.get $x_img)
              (i32.add
                (i32.mul (i32.shl (local.get $oh) (i32.const 1)) (local.get $row))
                (i32.mul (i32.shl (local.get $ow) (i32.const 1)) (local.get $pixel)))))
          (local.set $out (i32.add (local.get $dx) (i32.sub (local.get $at) (local.get $x))))
          (local.set $c (i32.const 0))
          (loop $each_channel_block
            (local.set $x0 (v128.load (local.get $at)))
            (local.set $x1 (v128.load (i32.add (local.get $at) (local.get $pixel))))
            (local.set $x2 (v128.load (i32.add (local.get $at) (local.get $row))))
            (local.set $x3 (v128.load (i32.add (i32.add (local.get $at) (local.get $row)) (local.get $pixel))))
            (local.set $d (v128.load (local.get $dy)))
            (local.set $g1 (f32x4.gt (local.get $x1) (local.get $x0)))
            (local.set $best (v128.bitselect (local.get $x1) (local.get $x0) (local.get $g1)))
            (local.set $g2 (f32x4.gt (local.get $x2) (local.get $best)))
            (local.set $best (v128.bitselect (local.get $x2) (local.get $best) (local.get $g2)))
            (local.set $g3 (f32x4.gt (local.get $x3) (local.get $best)))
            ;; the winner is the last pixel that beat the running maximum
            (v128.store (local.get $out)
              (v128.andnot (local.get $d) (v128.or (local.get $g1) (v128.or (local.get $g2) (local.get $g3)))))
            (v128.store (i32.add (local.get $out) (local.get $pixel))
              (v128.andnot (v128.and (local.get $d) (local.get $g1)) (v128.or (local.get $g2) (local.get $g3))))
            (v128.store (i32.add (local.get $out) (local.get $row))
              (v128.andnot (v128.and (local.get $d) (local.get $g2)) (local.get $g3)))
            (v128.store (i32.add (i32.add (local.get $out) (local.get $row)) (local.get $pixel))
              (v128.and (local.get $d) (local.get $g3)))
            (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (br_if $each_channel_block
              (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 16))) (local.get $pixel))))
          (br_if $each_window (i32.lt_u (local.tee $ow (i32.add (local.get $ow) (i32.const 1))) (local.get $ow_n))))
        (br_if $each_row (i32.lt_u (local.tee $oh (i32.add (local.get $oh) (i32.const 1))) (local.get $oh_n))))
      (local.set $x_img (i32.add (local.get $x_img) (local.get $img)))
      (br_if $each_image (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; A matrix product C = A·B for row-major A (M × K) and B (K × N), without packing B first (XNNPACK
  ;; packs the weights of every product whose B it has not seen, which in training is every step:
  ;; 0.4 ms of a 0.7 ms 32×784×128 product). Blocks of 4 rows × 8 columns, eight f32x4 accumulators
  ;; in locals over the whole of K. Row strides lda, ldb, ldc are in bytes. M must be a multiple of
  ;; 4 and N of 8 (the caller pads); columns of B past its real width may be anything (they only
  ;; reach columns of C the caller drops), but must be memory.
  (func (export "gemm")
    (param $a i32) (param $b i32) (param $c i32) (param $m_n i32) (param $k_n i32) (param $n_n i32)
    (param $lda i32) (param $ldb i32) (param $ldc i32)
    (local $m i32) (local $n i32) (local $k i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $bp i32) (local $cp i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (block $rows_done
      (loop $each_row_block
        (br_if $rows_done (i32.ge_u (local.get $m) (local.get $m_n)))
        (local.set $n (i32.const 0))
        (block $columns_done
          (loop $each_column_block
            (br_if $columns_done (i32.ge_u (local.get $n) (local.get $n_n)))
            (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $lda))))
            (local.set $a1 (i32.add (local.get $a0) (local.get $lda)))
            (local.set $a2 (i32.add (local.get $a1) (local.get $lda)))
            (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2))))
            (local.set $c0 (v128.const i32x4 0 0 0 0))
            (local.set $c1 (v128.const i32x4 0 0 0 0))
            (local.set $c2 (v128.const i32x4 0 0 0 0))
            (local.set $c3 (v128.const i32x4 0 0 0 0))
            (local.set $c4 (v128.const i32x4 0 0 0 0))
            (local.set $c5 (v128.const i32x4 0 0 0 0))
            (local.set $c6 (v128.const i32x4 0 0 0 0))
            (local.set $c7 (v128.const i32x4 0 0 0 0))
            (local.set $k (local.get $k_n))
            (loop $each_k
              (local.set $b0 (v128.load (local.get $bp)))
              (local.set $b1 (v128.load offset=16 (local.get $bp)))
              (local.set $s (v128.load32_splat (local.get $a0)))
              (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $s) (local.get $b0))))
              (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $s) (local.get $b1))))
              (local.set $s (v128.load32_splat (local.get $a1)))
              (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $s) (local.get $b0))))
              (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $s) (local.get $b1))))
              (local.set $s (v128.load32_splat (local.get $a2)))
              (local.set $c4 (f32x4.add (local.get $c4) (f32x4.mul (local.get $s) (local.get $b0))))
              (local.set $c5 (f32x4.add (local.get $c5) (f32x4.mul (local.get $s) (local.get $b1))))
              (local.set $s (v128.load32_splat (local.get $a3)))
              (local.set $c6 (f32x4.add (local.get $c6) (f32x4.mul (local.get $s) (local.get $b0))))
              (local.set $c7 (f32x4.add (local.get $c7) (f32x4.mul (local.get $s) (local.get $b1))))
              (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
              (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
              (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
              (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
              (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))
              (br_if $each_k (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
            (local.set $cp
              (i32.add (local.get $c)
                (i32.add (i32.mul (local.get $m) (local.get $ldc)) (i32.shl (local.get $n) (i32.const 2)))))
            (v128.store (local.get $cp) (local.get $c0))
            (v128.store offset=16 (local.get $cp) (local.get $c1))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
            (v128.store (local.get $cp) (local.get $c2))
            (v128.store offset=16 (local.get $cp) (local.get $c3))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
            (v128.store (local.get $cp) (local.get $c4))
            (v128.store offset=16 (local.get $cp) (local.get $c5))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
            (v128.store (local.get $cp) (local.get $c6))
            (v128.store offset=16 (local.get $cp) (local.get $c7))
            (local.set $n (i32.add (local.get $n) (i32.const 8)))
            (br $each_column_block)))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $each_row_block))))

  ;; The scatter half of a convolution's input gradient: rows of `cols` ((kh, kw, ci) values of one
  ;; output position's receptive field, dy·Wᵀ) added into dx [N, H, W, C] where that field lies,
  ;; for `count` positions from `p0` (flat over n, oh, ow). Undilated windows, so each (position,
  ;; kh) adds one contiguous run of (kw1 − kw0)·C floats; taps in the padding are skipped. Rows of
  ;; cols are `ldcols` bytes apart. dx is added into, so the caller zeroes it first.
  (func (export "col2im")
    (param $cols i32) (param $dx i32) (param $p0 i32) (param $count i32)
    (param $oh_n i32) (param $ow_n i32) (param $h i32) (param $w i32) (param $c i32)
    (param $kh_n i32) (param $kw_n i32) (param $sh i32) (param $sw i32) (param $top i32) (param $left i32)
    (param $ldcols i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $ih i32) (local $iw i32)
    (local $kw0 i32) (local $kw1 i32) (local $len i32) (local $vec_len i32) (local $o i32)
    (local $src i32) (local $dst i32) (local $row i32)
    (local.set $ow (i32.rem_u (local.get $p0) (local.get $ow_n)))
    (local.set $oh (i32.rem_u (i32.div_u (local.get $p0) (local.get $ow_n)) (local.get $oh_n)))
    (local.set $n (i32.div_u (local.get $p0) (i32.mul (local.get $ow_n) (local.get $oh_n))))
    (local.set $row (local.get $cols))
    (block $positions_done
      (loop $each_position
        (br_if $positions_done (i32.eqz (local.get $count)))
        (local.set $iw (i32.sub (i32.mul (local.get $ow) (local.get $sw)) (local.get $left)))
        ;; kw0 = max(0, −iw), kw1 = min(KW, W − iw)
        (local.set $kw0 (select (i32.sub (i32.const 0) (local.get $iw)) (i32.const 0) (i32.lt_s (local.get $iw) (i32.const 0))))
        (local.set $kw1 (select (local.get $kw_n) (i32.sub (local.get $w) (local.get $iw))
          (i32.le_s (local.get $kw_n) (i32.sub (local.get $w) (local.get $iw)))))
        (if (i32.gt_s (local.get $kw1) (local.get $kw0))
          (then
            (local.set $len (i32.shl (i32.mul (i32.sub (local.get $kw1) (local.get $kw0)) (local.get $c)) (i32.const 2)))
            (local.set $vec_len (i32.and (local.get $len) (i32.const -16)))
            (local.set $kh (i32.const 0))
            (block $taps_done
              (loop $each_kh
                (br_if $taps_done (i32.ge_u (local.get $kh) (local.get $kh_n)))
                (local.set $ih (i32.add (i32.sub (i32.mul (local.get $oh) (local.get $sh)) (local.get $top)) (local.get $kh)))
                (if (i32.and (i32.ge_s (local.get $ih) (i32.const 0)) (i32.lt_s (local.get $ih) (local.get $h)))
                  (then
                    (local.set $dst (i32.add (local.get $dx)
                      (i32.shl
                        (i32.mul
                          (i32.add
                            (i32.mul (i32.add (i32.mul (local.get $n) (local.get $h)) (local.get $ih)) (local.get $w))
                            (i32.add (local.get $iw) (local.get $kw0)))
                          (local.get $c))
                        (i32.const 2))))
                    (local.set $src (i32.add (local.get $row)
                      (i32.shl
                        (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $kw_n)) (local.get $kw0)) (local.get $c))
                        (i32.const 2))))
                    (local.set $o (i32.const 0))
                    (block $vectors_done
                      (loop $vector
                        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $vec_len)))
                        (v128.store (i32.add (local.get $dst) (local.get $o))
                          (f32x4.add
                            (v128.load (i32.add (local.get $dst) (local.get $o)))
                            (v128.load (i32.add (local.get $src) (local.get $o)))))
                        (local.set $o (i32.add (local.get $o) (i32.const 16)))
                        (br $vector)))
                    (block $scalars_done
                      (loop $scalar
                        (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $len)))
                        (f32.store (i32.add (local.get $dst) (local.get $o))
                          (f32.add
                            (f32.load (i32.add (local.get $dst) (local.get $o)))
                            (f32.load (i32.add (local.get $src) (local.get $o)))))
                        (local.set $o (i32.add (local.get $o) (i32.const 4)))
                        (br $scalar)))))
                (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
                (br $each_kh)))))
        (local.set $row (i32.add (local.get $row) (local.get $ldcols)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (if (i32.eq (local.tee $ow (i32.add (local.get $ow) (i32.const 1))) (local.get $ow_n))
          (then
            (local.set $ow (i32.const 0))
            (if (i32.eq (local.tee $oh (i32.add (local.get $oh) (i32.const 1))) (local.get $oh_n))
              (then
                (local.set $oh (i32.const 0))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
        (br $each_position))))

  ;; A convolution's forward pass, out[n, oh, ow, co] = bias[co] + Σ_k x[window(n, oh, ow) + k]·w[k, co],
  ;; then max(·, 0) if `relu`: blocks of 4 neighbouring output positions in a row × 8 output
  ;; channels, eight f32x4 accumulators in locals over the window's kp taps (byte offsets `offs[k]`
  ;; from the window's first value, as for filter_grad). x is padded so every window lies inside it:
  ;; image n's window at (oh, ow) starts at x + n·img + oh·row + ow·col (byte strides). w is kp ×
  ;; coutp floats (taps past the real K and channels past cout zero), bias coutp floats, out
  ;; [N, OH, OW, coutp] (the caller drops channels past cout). ow_n must be at least 4: a last
  ;; block that would pass the row's end is moved back to end with it (recomputing, identically,
  ;; up to 3 outputs).
  (func (export "conv_forward")
    (param $x i32) (param $w i32) (param $bias i32) (param $out i32) (param $offs i32)
    (param $n_images i32) (param $oh_n i32) (param $ow_n i32) (param $kp i32) (param $coutp i32)
    (param $img i32) (param $row i32) (param $col i32) (param $relu i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $ct i32) (local $k i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $off i32)
    (local $wp i32) (local $op i32) (local $x_row i32) (local $out_pixel i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $w0 v128) (local $w1 v128) (local $s v128) (local $zero v128)
    (local.set $out_pixel (i32.shl (local.get $coutp) (i32.const 2)))
    (loop $each_image
      (local.set $oh (i32.const 0))
      (loop $each_row
        (local.set $x_row
          (i32.add (local.get $x)
            (i32.add (i32.mul (local.get $n) (local.get $img)) (i32.mul (local.get $oh) (local.get $row)))))
        (local.set $ow (i32.const 0))
        (loop $each_block
          ;; the last block ends with the row
          (if (i32.gt_u (i32.add (local.get $ow) (i32.const 4)) (local.get $ow_n))
            (then (local.set $ow (i32.sub (local.get $ow_n) (i32.const 4)))))
          (local.set $p0 (i32.add (local.get $x_row) (i32.mul (local.get $ow) (local.get $col))))
          (local.set $p1 (i32.add (local.get $p0) (local.get $col)))
          (local.set $p2 (i32.add (local.get $p1) (local.get $col)))
          (local.set $p3 (i32.add (local.get $p2) (local.get $col)))
          (local.set $ct (i32.const 0))
          (loop $each_channel_block
            (local.set $a0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $ct) (i32.const 2)))))
            (local.set $a1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $ct) (i32.const 2)))))
            (local.set $a2 (local.get $a0))
            (local.set $a3 (local.get $a1))
            (local.set $a4 (local.get $a0))
            (local.set $a5 (local.get $a1))
            (local.set $a6 (local.get $a0))
            (local.set $a7 (local.get $a1))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $ct) (i32.const 2))))
            (local.set $op (local.get $offs))
            (local.set $k (local.get $kp))
            (loop $each_tap
              (local.set $off (i32.load (local.get $op)))
              (local.set $w0 (v128.load (local.get $wp)))
              (local.set $w1 (v128.load offset=16 (local.get $wp)))
              (local.set $s (v128.load32_splat (i32.add (local.get $p0) (local.get $off))))
              (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $w0))))
              (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $w1))))
              (local.set $s (v128.load32_splat (i32.add (local.get $p1) (local.get $off))))
              (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $w0))))
              (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $w1))))
              (local.set $s (v128.load32_splat (i32.add (local.get $p2) (local.get $off))))
              (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $w0))))
              (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $w1))))
              (local.set $s (v128.load32_splat (i32.add (local.get $p3) (local.get $off))))
              (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $w0))))
              (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $w1))))
              (local.set $op (i32.add (local.get $op) (i32.const 4)))
              (local.set $wp (i32.add (local.get $wp) (local.get $out_pixel)))
              (br_if $each_tap (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
            (if (local.get $relu)
              (then
                (local.set $a0 (f32x4.max (local.get $a0) (local.get $zero)))
                (local.set $a1 (f32x4.max (local.get $a1) (local.get $zero)))
                (local.set $a2 (f32x4.max (local.get $a2) (local.get $zero)))
                (local.set $a3 (f32x4.max (local.get $a3) (local.get $zero)))
                (local.set $a4 (f32x4.max (local.get $a4) (local.get $zero)))
                (local.set $a5 (f32x4.max (local.get $a5) (local.get $zero)))
                (local.set $a6 (f32x4.max (local.get $a6) (local.get $zero)))
                (local.set $a7 (f32x4.max (local.get $a7) (local.get $zero)))))
            ;; out[n, oh, ow + j, ct …]
            (local.set $op
              (i32.add (local.get $out)
                (i32.add
                  (i32.mul
                    (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $oh_n)) (local.get $oh)) (local.get $ow_n))
                      (local.get $ow))
                    (local.get $out_pixel))
                  (i32.shl (local.get $ct) (i32.const 2)))))
            (v128.store (local.get $op) (local.get $a0))
            (v128.store offset=16 (local.get $op) (local.get $a1))
            (local.set $op (i32.add (local.get $op) (local.get $out_pixel)))
            (v128.store (local.get $op) (local.get $a2))
            (v128.store offset=16 (local.get $op) (local.get $a3))
            (local.set $op (i32.add (local.get $op) (local.get $out_pixel)))
            (v128.store (local.get $op) (local.get $a4))
            (v128.store offset=16 (local.get $op) (local.get $a5))
            (local.set $op (i32.add (local.get $op) (local.get $out_pixel)))
            (v128.store (local.get $op) (local.get $a6))
            (v128.store offset=16 (local.get $op) (local.get $a7))
            (br_if $each_channel_block
              (i32.lt_u (local.tee $ct (i32.add (local.get $ct) (i32.const 8))) (local.get $coutp))))
          (br_if $each_block (i32.lt_u (local.tee $ow (i32.add (local.get $ow) (i32.const 4))) (local.get $ow_n))))
        (br_if $each_row (i32.lt_u (local.tee $oh (i32.add (local.get $oh) (i32.const 1))) (local.get $oh_n))))
      (br_if $each_image (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (local.get $n_images)))))

  ;; Copies `rows` rows of `cols` floats from rows `src_row` bytes apart to rows `dst_row` bytes apart
  ;; (a result computed with channels rounded up to a block, narrowed to its real channels).
  (func (export "copy_rows")
    (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $src_row i32) (param $dst_row i32)
    (local $o i32) (local $end i32) (local $vec_end i32)
    (local.set $end (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $vec_end (i32.and (local.get $end) (i32.const -16)))
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.eqz (local.get $rows)))
        (local.set $o (i32.const 0))
        (block $vectors_done
          (loop $vector
            (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $vec_end)))
            (v128.store (i32.add (local.get $dst) (local.get $o)) (v128.load (i32.add (local.get $src) (local.get $o))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $vector)))
        (block $scalars_done
          (loop $scalar
            (br_if $scalars_done (i32.ge_u (local.get $o) (local.get $end)))
            (f32.store (i32.add (local.get $dst) (local.get $o)) (f32.load (i32.add (local.get $src) (local.get $o))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (br $scalar)))
        (local.set $src (i32.add (local.get $src) (local.get $src_row)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dst_row)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $each_row))))
)
