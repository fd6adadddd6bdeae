;; The training kernel of kernel.ts, line for line, in WebAssembly text with 128-bit SIMD.
;;
;; Why it exists: JavaScript has no SIMD, and the scalar TypeScript kernel trains skip-gram about
;; 4x slower than gensim's BLAS-backed C loop; this one is faster than gensim (measured on the
;; course corpus, see bench/results.md and lib/embeddings/README.md). The algorithm, the random
;; draws and the order of updates are those of `trainSentences` in kernel.ts -- read that first;
;; the step numbers in the comments below are the same. Differences: arithmetic is float32 (the TS
;; kernel rounds only when storing), four lanes at a time, the dot product keeps four partial sums,
;; and every vector row is padded to a multiple of 4 floats (`stride`) so the loops need no
;; remainder. The padding stays zero. kernel.test.ts checks both kernels make the same updates.
;;
;; Assembled at run time by wabt (lib/embeddings/simd.ts). One module instance per thread; all
;; instances import the same shared memory, which holds the weights (Hogwild, as word2vec.c).

(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Job block at $cfg (byte offsets), written by simd.ts (see JOB_* constants there):
  ;;   0 tokens  4 sentenceEnds  8 syn0  12 syn1neg  16 inputRowStarts (0 = Word2Vec)  20 inputRows
  ;;  24 keepThreshold (f64[])  28 aliasProb (f64[])  32 aliasIndex  36 expTable  40 progress (i32)
  ;;  44 neu1  48 work  52 sentence  56 rowScratch  60 stride (floats per row)  64 window
  ;;  68 negative  72 skipGram  76 useSubsampling  80 rng (in/out)  84 pending (in/out)
  ;;  88 lr (f64)  96 minLr (f64)  104 totalWords (f64)  112 negScale (f64: vocabSize / 2^32)
  (func (export "trainSentences") (param $cfg i32) (param $from i32) (param $to i32)
    (local $tokens i32) (local $ends i32) (local $syn0 i32) (local $syn1 i32)
    (local $rowStarts i32) (local $rows i32) (local $keep i32) (local $aliasProb i32)
    (local $aliasIndex i32) (local $expTable i32) (local $progress i32) (local $neu1 i32)
    (local $work i32) (local $sentence i32) (local $rowScratch i32) (local $rowBytes i32)
    (local $window i32) (local $negative i32) (local $skipGram i32) (local $subsample i32)
    (local $rng i32) (local $pending i32)
    (local $lr0 f64) (local $minLr f64) (local $totalWords f64) (local $alpha f32)
    (local $negScale f64) (local $x f64) (local $k i32)
    (local $s i32) (local $start i32) (local $end i32) (local $n i32) (local $t i32) (local $w i32)
    (local $i i32) (local $b i32) (local $lo i32) (local $hi i32) (local $numSteps i32)
    (local $step i32) (local $j i32) (local $target i32) (local $numRows i32) (local $r i32)
    (local $rEnd i32) (local $h i32) (local $d i32) (local $out i32) (local $o i32) (local $c i32)
    (local $p i32) (local $label f32) (local $f f32) (local $g f32) (local $done i32)
    (local $acc v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $q i32) (local $vg v128) (local $vo v128) (local $vinv v128)

    (local.set $tokens (i32.load offset=0 (local.get $cfg)))
    (local.set $ends (i32.load offset=4 (local.get $cfg)))
    (local.set $syn0 (i32.load offset=8 (local.get $cfg)))
    (local.set $syn1 (i32.load offset=12 (local.get $cfg)))
    (local.set $rowStarts (i32.load offset=16 (local.get $cfg)))
    (local.set $rows (i32.load offset=20 (local.get $cfg)))
    (local.set $keep (i32.load offset=24 (local.get $cfg)))
    (local.set $aliasProb (i32.load offset=28 (local.get $cfg)))
    (local.set $aliasIndex (i32.load offset=32 (local.get $cfg)))
    (local.set $expTable (i32.load offset=36 (local.get $cfg)))
    (local.set $progress (i32.load offset=40 (local.get $cfg)))
    (local.set $neu1 (i32.load offset=44 (local.get $cfg)))
    (local.set $work (i32.load offset=48 (local.get $cfg)))
    (local.set $sentence (i32.load offset=52 (local.get $cfg)))
    (local.set $rowScratch (i32.load offset=56 (local.get $cfg)))
    (local.set $rowBytes (i32.shl (i32.load offset=60 (local.get $cfg)) (i32.const 2)))
    (local.set $window (i32.load offset=64 (local.get $cfg)))
    (local.set $negative (i32.load offset=68 (local.get $cfg)))
    (local.set $skipGram (i32.load offset=72 (local.get $cfg)))
    (local.set $subsample (i32.load offset=76 (local.get $cfg)))
    (local.set $rng (i32.load offset=80 (local.get $cfg)))
    (local.set $pending (i32.load offset=84 (local.get $cfg)))
    (local.set $lr0 (f64.load offset=88 (local.get $cfg)))
    (local.set $minLr (f64.load offset=96 (local.get $cfg)))
    (local.set $totalWords (f64.load offset=104 (local.get $cfg)))
    (local.set $negScale (f64.load offset=112 (local.get $cfg)))
    (local.set $alpha (call $learningRate (local.get $lr0) (local.get $minLr)
      (f64.convert_i32_u (i32.atomic.load (local.get $progress))) (local.get $totalWords)))

    (local.set $s (local.get $from))
    (block $sentencesDone (loop $sentences
      (br_if $sentencesDone (i32.ge_s (local.get $s) (local.get $to)))
      (local.set $start (if (result i32) (i32.eqz (local.get $s))
        (then (i32.const 0))
        (else (i32.load (i32.add (local.get $ends) (i32.shl (i32.sub (local.get $s) (i32.const 1)) (i32.const 2)))))))
      (local.set $end (i32.load (i32.add (local.get $ends) (i32.shl (local.get $s) (i32.const 2)))))

      ;; 1. Subsample frequent words.
      (local.set $n (i32.const 0))
      (local.set $t (local.get $start))
      (block $tokensDone (loop $tokensLoop
        (br_if $tokensDone (i32.ge_s (local.get $t) (local.get $end)))
        (local.set $w (i32.load (i32.add (local.get $tokens) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (if (local.get $subsample) (then
          (local.set $rng (i32.add (i32.mul (local.get $rng) (i32.const 1664525)) (i32.const 1013904223)))
          (br_if $tokensLoop (f64.le
            (f64.load (i32.add (local.get $keep) (i32.shl (local.get $w) (i32.const 3))))
            (f64.convert_i32_u (local.get $rng))))))
        (i32.store (i32.add (local.get $sentence) (i32.shl (local.get $n) (i32.const 2))) (local.get $w))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $tokensLoop)))
      (local.set $pending (i32.add (local.get $pending) (i32.sub (local.get $end) (local.get $start))))
      (if (i32.ge_s (local.get $pending) (i32.const 10000)) (then
        (local.set $done (i32.add
          (i32.atomic.rmw.add (local.get $progress) (local.get $pending)) (local.get $pending)))
        (local.set $pending (i32.const 0))
        (local.set $alpha (call $learningRate (local.get $lr0) (local.get $minLr)
          (f64.convert_i32_u (local.get $done)) (local.get $totalWords)))))

      (local.set $i (i32.const 0))
      (block $centresDone (loop $centres
        (br_if $centresDone (i32.ge_s (local.get $i) (local.get $n)))
        ;; 2. Reduced window.
        (local.set $rng (i32.add (i32.mul (local.get $rng) (i32.const 1664525)) (i32.const 1013904223)))
        (local.set $b (i32.rem_u (i32.shr_u (local.get $rng) (i32.const 16)) (local.get $window)))
        (local.set $lo (i32.add (i32.sub (local.get $i) (local.get $window)) (local.get $b)))
        (if (i32.lt_s (local.get $lo) (i32.const 0)) (then (local.set $lo (i32.const 0))))
        (local.set $hi (i32.sub (i32.add (i32.add (local.get $i) (local.get $window)) (i32.const 1)) (local.get $b)))
        (if (i32.gt_s (local.get $hi) (local.get $n)) (then (local.set $hi (local.get $n))))

        ;; 3. One training example per step.
        (local.set $numSteps (if (result i32) (local.get $skipGram)
          (then (i32.sub (i32.sub (local.get $hi) (local.get $lo)) (i32.const 1)))
          (else (i32.const 1))))
        (local.set $step (i32.const 0))
        (block $stepsDone (loop $steps
          (br_if $stepsDone (i32.ge_s (local.get $step) (local.get $numSteps)))
          (local.set $numRows (i32.const 0))
          (if (local.get $skipGram)
            (then
              (local.set $j (i32.add (local.get $lo) (local.get $step)))
              (if (i32.ge_s (local.get $j) (local.get $i)) (then (local.set $j (i32.add (local.get $j) (i32.const 1)))))
              (if (local.get $rowStarts)
                (then ;; fastText: the centre word's n-grams predict the context word
                  (local.set $target (i32.load (i32.add (local.get $sentence) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.set $numRows (call $gatherRows
                    (i32.load (i32.add (local.get $sentence) (i32.shl (local.get $i) (i32.const 2))))
                    (local.get $rowStarts) (local.get $rows) (local.get $rowScratch) (local.get $numRows))))
                (else ;; word2vec.c and gensim: the context word predicts the centre word
                  (local.set $target (i32.load (i32.add (local.get $sentence) (i32.shl (local.get $i) (i32.const 2)))))
                  (i32.store (local.get $rowScratch)
                    (i32.load (i32.add (local.get $sentence) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.set $numRows (i32.const 1)))))
            (else
              (local.set $target (i32.load (i32.add (local.get $sentence) (i32.shl (local.get $i) (i32.const 2)))))
              (local.set $j (local.get $lo))
              (block $ctxDone (loop $ctx
                (br_if $ctxDone (i32.ge_s (local.get $j) (local.get $hi)))
                (if (i32.ne (local.get $j) (local.get $i)) (then
                  (local.set $numRows (call $gatherRows
                    (i32.load (i32.add (local.get $sentence) (i32.shl (local.get $j) (i32.const 2))))
                    (local.get $rowStarts) (local.get $rows) (local.get $rowScratch) (local.get $numRows)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $ctx)))))
          (local.set $step (i32.add (local.get $step) (i32.const 1)))
          (br_if $steps (i32.eqz (local.get $numRows)))

          ;; 4. Hidden vector h: one row in place, several averaged into neu1.
          (if (i32.eq (local.get $numRows) (i32.const 1))
            (then (local.set $h (i32.add (local.get $syn0)
              (i32.mul (i32.load (local.get $rowScratch)) (local.get $rowBytes)))))
            (else
              (local.set $h (local.get $neu1))
              (call $zero (local.get $neu1) (local.get $rowBytes))
              (local.set $r (i32.const 0))
              (block $sumDone (loop $sum
                (br_if $sumDone (i32.ge_s (local.get $r) (local.get $numRows)))
                (local.set $p (i32.add (local.get $syn0) (i32.mul (local.get $rowBytes)
                  (i32.load (i32.add (local.get $rowScratch) (i32.shl (local.get $r) (i32.const 2)))))))
                (local.set $c (i32.const 0))
                (block $addDone (loop $add
                  (br_if $addDone (i32.ge_s (local.get $c) (local.get $rowBytes)))
                  (v128.store (i32.add (local.get $neu1) (local.get $c)) (f32x4.add
                    (v128.load (i32.add (local.get $neu1) (local.get $c)))
                    (v128.load (i32.add (local.get $p) (local.get $c)))))
                  (local.set $c (i32.add (local.get $c) (i32.const 16)))
                  (br $add)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $sum)))
              (local.set $vinv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_s (local.get $numRows)))))
              (local.set $c (i32.const 0))
              (block $scaleDone (loop $scale
                (br_if $scaleDone (i32.ge_s (local.get $c) (local.get $rowBytes)))
                (v128.store (i32.add (local.get $neu1) (local.get $c))
                  (f32x4.mul (v128.load (i32.add (local.get $neu1) (local.get $c))) (local.get $vinv)))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $scale)))))
          (call $zero (local.get $work) (local.get $rowBytes))

          ;; 5. Negative sampling.
          (local.set $d (i32.const 0))
          (block $negDone (loop $neg
            (br_if $negDone (i32.gt_s (local.get $d) (local.get $negative)))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (if (i32.eq (local.get $d) (i32.const 1))
              (then
                (local.set $out (local.get $target))
                (local.set $label (f32.const 1)))
              (else
                (local.set $rng (i32.add (i32.mul (local.get $rng) (i32.const 1664525)) (i32.const 1013904223)))
                ;; alias method: slot k = floor(x), keep it if x - k < aliasProb[k], else aliasIndex[k]
                (local.set $x (f64.mul (f64.convert_i32_u (local.get $rng)) (local.get $negScale)))
                (local.set $k (i32.trunc_f64_u (local.get $x)))
                (local.set $out (if (result i32)
                  (f64.lt (f64.sub (local.get $x) (f64.convert_i32_u (local.get $k)))
                    (f64.load (i32.add (local.get $aliasProb) (i32.shl (local.get $k) (i32.const 3)))))
                  (then (local.get $k))
                  (else (i32.load (i32.add (local.get $aliasIndex) (i32.shl (local.get $k) (i32.const 2)))))))
                (br_if $neg (i32.eq (local.get $out) (local.get $target)))
                (local.set $label (f32.const 0))))
            (local.set $o (i32.add (local.get $syn1) (i32.mul (local.get $out) (local.get $rowBytes))))
            ;; f = h · o, with four accumulators (16 floats per turn) so the adds do not wait on
            ;; each other, then one vector per turn for the rest of the row.
            (local.set $acc (v128.const f32x4 0 0 0 0))
            (local.set $acc1 (v128.const f32x4 0 0 0 0))
            (local.set $acc2 (v128.const f32x4 0 0 0 0))
            (local.set $acc3 (v128.const f32x4 0 0 0 0))
            (local.set $c (i32.const 0))
            (block $dot4Done (loop $dot4
              (br_if $dot4Done (i32.gt_s (i32.add (local.get $c) (i32.const 64)) (local.get $rowBytes)))
              (local.set $p (i32.add (local.get $h) (local.get $c)))
              (local.set $q (i32.add (local.get $o) (local.get $c)))
              (local.set $acc (f32x4.add (local.get $acc)
                (f32x4.mul (v128.load (local.get $p)) (v128.load (local.get $q)))))
              (local.set $acc1 (f32x4.add (local.get $acc1)
                (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $q)))))
              (local.set $acc2 (f32x4.add (local.get $acc2)
                (f32x4.mul (v128.load offset=32 (local.get $p)) (v128.load offset=32 (local.get $q)))))
              (local.set $acc3 (f32x4.add (local.get $acc3)
                (f32x4.mul (v128.load offset=48 (local.get $p)) (v128.load offset=48 (local.get $q)))))
              (local.set $c (i32.add (local.get $c) (i32.const 64)))
              (br $dot4)))
            (block $dotDone (loop $dot
              (br_if $dotDone (i32.ge_s (local.get $c) (local.get $rowBytes)))
              (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                (v128.load (i32.add (local.get $h) (local.get $c)))
                (v128.load (i32.add (local.get $o) (local.get $c))))))
              (local.set $c (i32.add (local.get $c) (i32.const 16)))
              (br $dot)))
            (local.set $acc (f32x4.add (f32x4.add (local.get $acc) (local.get $acc1))
              (f32x4.add (local.get $acc2) (local.get $acc3))))
            (local.set $f (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
              (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
            (local.set $g (f32.mul (local.get $alpha)
              (if (result f32) (f32.gt (local.get $f) (f32.const 6))
                (then (f32.sub (local.get $label) (f32.const 1)))
                (else (if (result f32) (f32.lt (local.get $f) (f32.const -6))
                  (then (local.get $label))
                  (else (f32.sub (local.get $label) (f32.load (i32.add (local.get $expTable) (i32.shl
                    (i32.trunc_f32_s (f32.mul (f32.add (local.get $f) (f32.const 6)) (f32.const 83.33333333)))
                    (i32.const 2)))))))))))
            ;; work += g * o; o += g * h
            (local.set $vg (f32x4.splat (local.get $g)))
            (local.set $c (i32.const 0))
            (block $updDone (loop $upd
              (br_if $updDone (i32.ge_s (local.get $c) (local.get $rowBytes)))
              (local.set $vo (v128.load (i32.add (local.get $o) (local.get $c))))
              (v128.store (i32.add (local.get $work) (local.get $c)) (f32x4.add
                (v128.load (i32.add (local.get $work) (local.get $c)))
                (f32x4.mul (local.get $vg) (local.get $vo))))
              (v128.store (i32.add (local.get $o) (local.get $c)) (f32x4.add (local.get $vo)
                (f32x4.mul (local.get $vg) (v128.load (i32.add (local.get $h) (local.get $c))))))
              (local.set $c (i32.add (local.get $c) (i32.const 16)))
              (br $upd)))
            (br $neg)))

          ;; 6. The whole error back to every input row.
          (local.set $r (i32.const 0))
          (block $backDone (loop $back
            (br_if $backDone (i32.ge_s (local.get $r) (local.get $numRows)))
            (local.set $p (i32.add (local.get $syn0) (i32.mul (local.get $rowBytes)
              (i32.load (i32.add (local.get $rowScratch) (i32.shl (local.get $r) (i32.const 2)))))))
            (local.set $c (i32.const 0))
            (block $rowDone (loop $row
              (br_if $rowDone (i32.ge_s (local.get $c) (local.get $rowBytes)))
              (v128.store (i32.add (local.get $p) (local.get $c)) (f32x4.add
                (v128.load (i32.add (local.get $p) (local.get $c)))
                (v128.load (i32.add (local.get $work) (local.get $c)))))
              (local.set $c (i32.add (local.get $c) (i32.const 16)))
              (br $row)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $back)))
          (br $steps)))

        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $centres)))

      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $sentences)))

    (i32.store offset=80 (local.get $cfg) (local.get $rng))
    (i32.store offset=84 (local.get $cfg) (local.get $pending)))

  ;; Linear decay from lr to minLr over totalWords corpus words (gensim, word2vec.c).
  (func $learningRate (param $lr0 f64) (param $minLr f64) (param $done f64) (param $total f64) (result f32)
    (f32.demote_f64 (f64.max (local.get $minLr)
      (f64.sub (local.get $lr0) (f64.mul (f64.sub (local.get $lr0) (local.get $minLr))
        (f64.div (local.get $done) (local.get $total)))))))

  ;; Appends the input rows of word $w to rowScratch: the word itself, or (FastText) its word row and
  ;; n-gram bucket rows. Returns the new row count.
  (func $gatherRows (param $w i32) (param $rowStarts i32) (param $rows i32) (param $scratch i32) (param $count i32) (result i32)
    (local $r i32) (local $rEnd i32)
    (if (i32.eqz (local.get $rowStarts)) (then
      (i32.store (i32.add (local.get $scratch) (i32.shl (local.get $count) (i32.const 2))) (local.get $w))
      (return (i32.add (local.get $count) (i32.const 1)))))
    (local.set $r (i32.load (i32.add (local.get $rowStarts) (i32.shl (local.get $w) (i32.const 2)))))
    (local.set $rEnd (i32.load (i32.add (local.get $rowStarts) (i32.shl (i32.add (local.get $w) (i32.const 1)) (i32.const 2)))))
    (block $done (loop $copy
      (br_if $done (i32.ge_s (local.get $r) (local.get $rEnd)))
      (i32.store (i32.add (local.get $scratch) (i32.shl (local.get $count) (i32.const 2)))
        (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $copy)))
    (local.get $count))

  (func $zero (param $p i32) (param $bytes i32)
    (local $c i32)
    (block $done (loop $z
      (br_if $done (i32.ge_s (local.get $c) (local.get $bytes)))
      (v128.store (i32.add (local.get $p) (local.get $c)) (v128.const i32x4 0 0 0 0))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $z))))
)
