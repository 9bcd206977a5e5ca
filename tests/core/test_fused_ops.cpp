// The fused CPU kernels (issue 29) against the LibTorch operators they replace: outputs and
// gradients on the shapes the models use and on awkward ones (odd widths, views, extreme
// gate values), the RMSNorm weight gradient independent of the thread count, and
// FusedAdamW against LibTorch's AdamW, state and checkpoint included.
//
// The attention products through one sgemm per head (batched_gemm.h) and the masked
// softmax (attention_core.h) likewise.
//
// Tolerances: the fused kernels add in a different order and contract multiply-adds, so
// fp32 results differ from the composite operators' in the last bits; 1e-5 relative to
// each tensor's largest magnitude (about 100 ulp) leaves room for that and still catches
// any wrong term (a sign, a missing factor), which moves values by O(1) of that magnitude.

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "attention_core.h"
#include "batched_gemm.h"
#include "fused_adamw.h"
#include "fused_ops.h"
#include "optimizer_step.h"

#include <QtTest>

#include <sstream>

using namespace seekbench::engine;

namespace {

double relativeError(const at::Tensor &a, const at::Tensor &b)
{
    const double scale = std::max(b.abs().max().item<double>(), 1e-30);
    return (a - b).abs().max().item<double>() / scale;
}

struct Outputs
{
    at::Tensor y;
    std::vector<at::Tensor> grads;
};

// y = f(inputs) and the inputs' gradients for a fixed random upstream gradient.
Outputs run(const std::function<at::Tensor(const std::vector<at::Tensor> &)> &f, const std::vector<at::Tensor> &in,
            const at::Tensor &upstream)
{
    std::vector<at::Tensor> leaves;
    for (const auto &t : in)
        leaves.push_back(t.detach().clone().requires_grad_(true));
    Outputs out;
    out.y = f(leaves);
    out.y.backward(upstream);
    for (const auto &l : leaves)
        out.grads.push_back(l.grad());
    out.y = out.y.detach();
    return out;
}

void compare(const Outputs &fused, const Outputs &reference, double tol = 1e-5)
{
    QVERIFY2(relativeError(fused.y, reference.y) <= tol,
             qPrintable(QStringLiteral("output differs by %1").arg(relativeError(fused.y, reference.y))));
    QCOMPARE(fused.grads.size(), reference.grads.size());
    for (size_t i = 0; i < fused.grads.size(); ++i) {
        const double e = relativeError(fused.grads[i], reference.grads[i]);
        QVERIFY2(e <= tol, qPrintable(QStringLiteral("gradient %1 differs by %2").arg(i).arg(e)));
    }
}

} // namespace

class TestFusedOps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(fusedKernelsEnabled(), "SEEKBENCH_FUSED_KERNELS=0 is set: this test compares the fused path");
        torch::manual_seed(7);
    }

    void rmsNormMatchesLibTorch_data()
    {
        QTest::addColumn<QList<int>>("shape");
        QTest::newRow("small model [32,64,256]") << QList<int>{32, 64, 256};
        QTest::newRow("odd width [3,5,37]") << QList<int>{3, 5, 37};
        QTest::newRow("one row [1,16]") << QList<int>{1, 16};
        QTest::newRow("more rows than a block [70,24]") << QList<int>{70, 24};
    }
    void rmsNormMatchesLibTorch()
    {
        QFETCH(QList<int>, shape);
        const std::vector<int64_t> sizes(shape.begin(), shape.end());
        const auto x = torch::randn(sizes) * 3;
        const auto w = torch::rand({sizes.back()}) + 0.5;
        const auto up = torch::randn(sizes);
        compare(run([](const auto &in) { return rmsNorm(in[0], in[1], 1e-6); }, {x, w}, up),
                run([](const auto &in) { return rmsNormReference(in[0], in[1], 1e-6); }, {x, w}, up));
    }

    void rmsNormOfAView()
    {
        // A transposed view: the kernel works on a contiguous copy, the gradient comes back
        // in the view's shape.
        const auto base = torch::randn({8, 6, 12});
        const auto w = torch::rand({6}) + 0.5;
        const auto up = torch::randn({8, 12, 6});
        compare(run([](const auto &in) { return rmsNorm(in[0].transpose(1, 2), in[1], 1e-5); }, {base, w}, up),
                run([](const auto &in) { return rmsNormReference(in[0].transpose(1, 2), in[1], 1e-5); }, {base, w}, up));
    }

    void rmsNormWeightGradientIndependentOfThreads()
    {
        // Resuming a run on a machine with another core count must not change its numbers
        // beyond what the matmuls do: the weight gradient's sum has a fixed order.
        const auto x = torch::randn({300, 64});
        const auto w = torch::rand({64}) + 0.5;
        const auto up = torch::randn({300, 64});
        const int before = at::get_num_threads();
        at::set_num_threads(1);
        const auto one = run([](const auto &in) { return rmsNorm(in[0], in[1], 1e-6); }, {x, w}, up);
        at::set_num_threads(2);
        const auto two = run([](const auto &in) { return rmsNorm(in[0], in[1], 1e-6); }, {x, w}, up);
        at::set_num_threads(before);
        QVERIFY(torch::equal(one.grads[1], two.grads[1]));
        QVERIFY(torch::equal(one.grads[0], two.grads[0]));
    }

    void swiGluMatchesLibTorch_data()
    {
        QTest::addColumn<QList<int>>("shape");
        QTest::addColumn<double>("scale");
        QTest::newRow("small model's MLP [32,64,1024]") << QList<int>{32, 64, 1024} << 1.0;
        QTest::newRow("odd size [7,13]") << QList<int>{7, 13} << 2.0;
        // exp overflows in a naive sigmoid past ±88: the outputs must stay finite and equal.
        QTest::newRow("saturated gates [4,50]") << QList<int>{4, 50} << 60.0;
    }
    void swiGluMatchesLibTorch()
    {
        QFETCH(QList<int>, shape);
        QFETCH(double, scale);
        const std::vector<int64_t> sizes(shape.begin(), shape.end());
        const auto g = torch::randn(sizes) * scale;
        const auto u = torch::randn(sizes);
        const auto up = torch::randn(sizes);
        const auto fused = run([](const auto &in) { return swiGlu(in[0], in[1]); }, {g, u}, up);
        QVERIFY(fused.y.isfinite().all().item<bool>());
        QVERIFY(fused.grads[0].isfinite().all().item<bool>());
        compare(fused, run([](const auto &in) { return swiGluReference(in[0], in[1]); }, {g, u}, up));
    }

    void swiGluAtTheLimits()
    {
        // silu(-100)·1 is -0 to within fp32, silu(100)·1 is 100; gradients 0 and 1.
        const auto g = torch::tensor({-100.0f, 100.0f, 0.0f});
        const auto u = torch::ones({3});
        const auto out = run([](const auto &in) { return swiGlu(in[0], in[1]); }, {g, u}, torch::ones({3}));
        QVERIFY(std::abs(out.y[0].item<float>()) < 1e-30f);
        QCOMPARE(out.y[1].item<float>(), 100.0f);
        QCOMPARE(out.y[2].item<float>(), 0.0f);
        QVERIFY(std::abs(out.grads[0][0].item<float>()) < 1e-30f);
        QCOMPARE(out.grads[0][1].item<float>(), 1.0f);
        QCOMPARE(out.grads[0][2].item<float>(), 0.5f);
    }

    void rotaryMatchesLibTorch_data()
    {
        QTest::addColumn<QList<int>>("shape"); // B, T, heads, D
        QTest::newRow("small model [32,64,4,64]") << QList<int>{32, 64, 4, 64};
        QTest::newRow("tiny model, GQA keys [32,32,2,16]") << QList<int>{32, 32, 2, 16};
        QTest::newRow("odd [3,5,3,6]") << QList<int>{3, 5, 3, 6};
    }
    void rotaryMatchesLibTorch()
    {
        QFETCH(QList<int>, shape);
        const std::vector<int64_t> sizes(shape.begin(), shape.end());
        const int64_t T = sizes[1], D = sizes[3];
        // Tables longer than the sequence, as the model's (max_position_embeddings rows).
        const auto angles = torch::rand({T + 9, D}) * 6.3;
        const auto cos = angles.cos(), sin = angles.sin();
        const auto x = torch::randn(sizes);
        const auto up = torch::randn(sizes);
        compare(run([&](const auto &in) { return rotary(in[0], cos, sin); }, {x}, up),
                run([&](const auto &in) { return rotaryReference(in[0], cos, sin); }, {x}, up));
    }

    void stridedBatchedMatmulMatchesLibTorch_data()
    {
        QTest::addColumn<bool>("tokenMajor");
        QTest::newRow("scores: q times k transposed on [B,T,H,D] views, scaled") << false;
        QTest::newRow("context: p times v into token-major memory") << true;
    }
    void stridedBatchedMatmulMatchesLibTorch()
    {
        QFETCH(bool, tokenMajor);
        if (!usesStridedBatchedGemm(torch::zeros({1, 1, 2, 2}), torch::zeros({1, 1, 2, 2})))
            QSKIP("no cblas_sgemm in this process (a LibTorch with a private BLAS): torch::matmul is used");
        const int64_t B = 3, T = 7, H = 2, D = 5;
        // As the attention layer has them: projections [B, T, H, D], heads first by
        // transpose; for the context, probabilities [B, H, T, T] times v.
        const auto qBase = tokenMajor ? torch::rand({B, H, T, T}) : torch::randn({B, T, H, D});
        const auto kBase = torch::randn({B, T, H, D});
        const auto up = torch::randn({B, H, T, tokenMajor ? D : T});
        const double alpha = tokenMajor ? 1.0 : 0.37;
        // The gradients as they reach the projections' [B, T, H, D] tensors, before they are
        // accumulated: in that layout, so that the projection's backward needs no copy.
        std::vector<at::Tensor> reaching;
        auto product = [&](bool strided) {
            auto q = qBase.clone().requires_grad_(true), k = kBase.clone().requires_grad_(true);
            reaching.clear();
            for (auto *t : {&q, &k})
                t->register_hook([&reaching](const at::Tensor &g) { reaching.push_back(g); });
            const auto a = tokenMajor ? q : q.transpose(1, 2);
            const auto b = tokenMajor ? k.transpose(1, 2) : k.transpose(1, 2).transpose(2, 3);
            const auto y = strided ? stridedBatchedMatmul(a, b, alpha, tokenMajor) : torch::matmul(a, b) * alpha;
            y.backward(up);
            return Outputs{y.detach(), {q.grad(), k.grad()}};
        };
        const auto fused = product(true);
        QCOMPARE(reaching.size(), size_t(2));
        for (const auto &g : reaching)
            QVERIFY2(g.is_contiguous(), "a gradient reaches its [B, T, H, D] projection in another layout (a copy)");
        compare(fused, product(false));
        if (tokenMajor) // the caller's transpose to [B, T, H, D] is a view of contiguous memory
            QVERIFY(fused.y.transpose(1, 2).is_contiguous());
    }

    void maskedSoftmaxMatchesLibTorch_data()
    {
        QTest::addColumn<int>("Tq");
        QTest::addColumn<int>("Tk");
        QTest::addColumn<bool>("causal");
        QTest::addColumn<bool>("keyMask");
        QTest::addColumn<double>("spread");
        QTest::newRow("causal self-attention, 64 tokens (the text model's)") << 64 << 64 << true << false << 3.0;
        QTest::newRow("padding mask only, odd width") << 5 << 13 << false << true << 3.0;
        QTest::newRow("causal and padding") << 9 << 9 << true << true << 3.0;
        QTest::newRow("causal, fewer queries than keys") << 5 << 7 << true << false << 3.0;
        QTest::newRow("large scores (no overflow)") << 8 << 8 << true << true << 60.0;
        QTest::newRow("no mask at all") << 4 << 16 << false << false << 3.0;
    }
    void maskedSoftmaxMatchesLibTorch()
    {
        QFETCH(int, Tq);
        QFETCH(int, Tk);
        QFETCH(bool, causal);
        QFETCH(bool, keyMask);
        QFETCH(double, spread);
        const int64_t B = 3, H = 2;
        AttentionMasks masks{causal, {}};
        if (keyMask) { // batch b keeps its first Tk - 2b keys, as right padding does
            masks.keyMask = torch::ones({B, Tk}, torch::kBool);
            for (int64_t b = 1; b < B; ++b)
                masks.keyMask[b].slice(0, Tk - 2 * b).fill_(false);
        }
        const auto scores = torch::randn({B, H, Tq, Tk}) * spread;
        const auto up = torch::randn({B, H, Tq, Tk});
        const auto fused = run([&](const auto &in) { return maskedSoftmax(in[0], masks); }, {scores}, up);
        compare(fused, run([&](const auto &in) { return maskedSoftmaxReference(in[0], masks); }, {scores}, up));
        // Masked keys get exactly 0, and so do their scores' gradients.
        auto blocked = torch::zeros({B, H, Tq, Tk}, torch::kBool);
        if (causal)
            blocked = blocked | torch::ones({Tq, Tk}, torch::kBool).triu(1);
        if (keyMask)
            blocked = blocked | masks.keyMask.logical_not().view({B, 1, 1, Tk});
        QVERIFY(fused.y.masked_select(blocked).eq(0).all().item<bool>());
        QVERIFY(fused.grads[0].masked_select(blocked).eq(0).all().item<bool>());
    }

    void maskedSoftmaxOfAFullyMaskedRowIsNaNWithZeroGradient()
    {
        // Every key of batch 1 padded: LibTorch's softmax gives NaN there; the fused pass
        // must not invent a distribution, and no gradient may flow into masked scores.
        AttentionMasks masks{false, torch::ones({2, 6}, torch::kBool)};
        masks.keyMask[1].fill_(false);
        const auto scores = torch::randn({2, 2, 3, 6});
        const auto up = torch::randn({2, 2, 3, 6});
        const auto fused = run([&](const auto &in) { return maskedSoftmax(in[0], masks); }, {scores}, up);
        const auto ref = run([&](const auto &in) { return maskedSoftmaxReference(in[0], masks); }, {scores}, up);
        QVERIFY(fused.y[1].isnan().all().item<bool>());
        QVERIFY(ref.y[1].isnan().all().item<bool>());
        QVERIFY(torch::allclose(fused.y[0], ref.y[0], 1e-5, 1e-6));
        QVERIFY(fused.grads[0][1].eq(0).all().item<bool>());
        QVERIFY(torch::allclose(fused.grads[0], ref.grads[0], 1e-5, 1e-6));
    }

    void releasedGradientsGiveTheOptimizerWhatZeroGradDid()
    {
        // Three parameters: one gets a gradient every step, one only on odd steps (an MoE
        // expert no token reaches on even ones), one never (frozen in practice). Released
        // gradients plus restoreMissing() must step AdamW bit for bit as zero_grad() did,
        // with two micro-batches accumulated per step.
        auto makeParams = [] {
            torch::manual_seed(5);
            return std::vector<at::Tensor>{torch::randn({16, 8}).requires_grad_(true),
                                           torch::randn({8}).requires_grad_(true),
                                           torch::randn({4}).requires_grad_(true)};
        };
        auto a = makeParams(), b = makeParams();
        const auto opts = torch::optim::AdamWOptions(1e-2).weight_decay(0.1);
        FusedAdamW optA(a, opts), optB(b, opts);
        GradientBuffers buffers(a);
        auto backward = [](std::vector<at::Tensor> &p, int step, int micro) {
            torch::manual_seed(1000 + 10 * step + micro);
            auto loss = (p[0] * torch::randn({16, 8})).sum();
            if (step % 2 == 1)
                loss = loss + (p[1] * p[1] * torch::randn({8})).sum();
            loss.backward();
        };
        for (int step = 0; step < 6; ++step) {
            buffers.release();
            optB.zero_grad();
            for (int micro = 0; micro < 2; ++micro) {
                backward(a, step, micro);
                backward(b, step, micro);
            }
            buffers.restoreMissing();
            for (size_t i = 0; i < a.size(); ++i)
                QCOMPARE(a[i].grad().defined(), b[i].grad().defined());
            optA.step();
            optB.step();
            for (size_t i = 0; i < a.size(); ++i)
                QVERIFY2(torch::equal(a[i].detach(), b[i].detach()),
                         qPrintable(QStringLiteral("parameter %1 differs after step %2").arg(i).arg(step)));
        }
        QVERIFY(!a[2].grad().defined());
    }

    void otherDtypesTakeTheLibTorchPath()
    {
        // bf16 (autocast's) and fp64 never reach the fp32 kernels; results are LibTorch's own.
        const auto x = torch::randn({4, 8}, torch::kDouble);
        const auto w = torch::rand({8}, torch::kDouble) + 0.5;
        QVERIFY(torch::equal(rmsNorm(x, w, 1e-6), rmsNormReference(x, w, 1e-6)));
        const auto g = torch::randn({4, 8}).to(torch::kBFloat16), u = torch::randn({4, 8}).to(torch::kBFloat16);
        QVERIFY(torch::equal(swiGlu(g, u), swiGluReference(g, u)));
    }

    void fusedAdamWMatchesLibTorch()
    {
        auto makeParams = [] {
            torch::manual_seed(3);
            return std::vector<at::Tensor>{torch::randn({64, 33}).requires_grad_(true),
                                           torch::randn({33}).requires_grad_(true)};
        };
        auto a = makeParams(), b = makeParams();
        const auto opts = torch::optim::AdamWOptions(3e-3).betas({0.9, 0.95}).weight_decay(0.1).eps(1e-8);
        FusedAdamW fused(a, opts);
        torch::optim::AdamW plain(b, opts);
        for (int step = 0; step < 25; ++step) {
            torch::manual_seed(100 + step);
            const auto g0 = torch::randn({64, 33}), g1 = torch::randn({33}) * 1e-4;
            a[0].mutable_grad() = g0.clone();
            a[1].mutable_grad() = g1.clone();
            b[0].mutable_grad() = g0.clone();
            b[1].mutable_grad() = g1.clone();
            fused.step();
            plain.step();
        }
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY2(relativeError(a[i].detach(), b[i].detach()) < 1e-5,
                     qPrintable(QStringLiteral("parameter %1 differs by %2").arg(i).arg(relativeError(a[i], b[i]))));
        // The same state: exp_avg and exp_avg_sq and the step count, under AdamW's keys.
        QCOMPARE(fused.state().size(), plain.state().size());

        // A checkpoint written by FusedAdamW loads into LibTorch's AdamW and the reverse (the
        // trainer's checkpoints from before this optimizer keep working).
        std::stringstream saved;
        torch::save(fused, saved);
        auto c = makeParams();
        torch::optim::AdamW reloaded(c, opts);
        torch::load(reloaded, saved);
        QCOMPARE(reloaded.state().size(), fused.state().size());
        for (const auto &entry : reloaded.state())
            QCOMPARE(static_cast<torch::optim::AdamWParamState &>(*entry.second).step(), int64_t(25));
        // and steps on from there as the fused optimizer does.
        for (size_t i = 0; i < a.size(); ++i) {
            a[i].mutable_grad() = torch::ones_like(a[i]);
            c[i].mutable_grad() = torch::ones_like(c[i]);
            torch::NoGradGuard noGrad;
            c[i].copy_(a[i]);
        }
        fused.step();
        reloaded.step();
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(relativeError(a[i].detach(), c[i].detach()) < 1e-5);
    }

    void fusedAdamWSkipsParametersWithoutGradient()
    {
        auto p = torch::randn({5}).requires_grad_(true);
        const auto before = p.detach().clone();
        FusedAdamW opt(std::vector<at::Tensor>{p}, torch::optim::AdamWOptions(0.1).weight_decay(0.5));
        opt.step();
        QVERIFY(torch::equal(p.detach(), before));
        QVERIFY(opt.state().empty());
    }
};

QTEST_GUILESS_MAIN(TestFusedOps)
#include "test_fused_ops.moc"
