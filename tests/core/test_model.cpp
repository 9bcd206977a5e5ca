// The DeepSeek-style block: shapes per head, exact parameter count against the torch-free
// estimate, MoE routing and its auxiliary loss.

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "attention_core.h"
#include "autocast.h"
#include "model.h"
#include "seekbench/config/estimates.h"
#include "seekbench/config/validation.h"

#include <QtTest>

using namespace seekbench;
using seekbench::engine::DeepSeekModel;

namespace {

ModelConfig denseConfig()
{
    ModelConfig m;
    m.hidden_size = 32;
    m.num_attention_heads = 4;
    m.num_key_value_heads = 2;
    m.intermediate_size = 48;
    m.num_hidden_layers = 2;
    m.vocab_size = 100;
    m.max_position_embeddings = 32;
    m.num_labels = 5;
    return m;
}

ModelConfig moeConfig()
{
    ModelConfig m = denseConfig();
    m.num_hidden_layers = 3;
    m.n_routed_experts = 6;
    m.n_shared_experts = 2;
    m.num_experts_per_tok = 2;
    m.moe_intermediate_size = 16;
    m.first_k_dense_replace = 1;
    m.aux_loss_alpha = 0.01;
    return m;
}

} // namespace

class TestModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(0); }
    void outputShapes_data();
    void outputShapes();
    void parameterCountIsExact_data();
    void parameterCountIsExact();
    void moeUsesEveryExpertAndHasAuxLoss();
    void moeGradientsReachRouterAndExperts();
    void causalMaskHidesTheFuture();
    void bf16AutocastForward();
    void batchedMatmulMatchesTorch_data();
    void batchedMatmulMatchesTorch();
    void attentionRowsSumToOneAndSkipMaskedKeys();
};

void TestModel::outputShapes_data()
{
    QTest::addColumn<QString>("head");
    QTest::addColumn<bool>("moe");
    QTest::addColumn<QList<int>>("shape");
    QTest::newRow("sequence") << "sequence_classification" << false << QList<int>{3, 5};
    QTest::newRow("sequence moe") << "sequence_classification" << true << QList<int>{3, 5};
    QTest::newRow("token") << "token_classification" << false << QList<int>{3, 10, 5};
    QTest::newRow("regression") << "regression" << false << QList<int>{3, 5};
    QTest::newRow("causal lm") << "causal_lm" << false << QList<int>{3, 10, 100};
}

void TestModel::outputShapes()
{
    QFETCH(QString, head);
    QFETCH(bool, moe);
    QFETCH(QList<int>, shape);
    ModelConfig m = moe ? moeConfig() : denseConfig();
    m.head = head.toStdString();
    DeepSeekModel model(m);
    const auto out = model->forward(torch::randint(0, m.vocab_size, {3, 10}, torch::kLong));
    QCOMPARE(out.logits.dim(), int64_t(shape.size()));
    for (int i = 0; i < shape.size(); ++i)
        QCOMPARE(out.logits.size(i), int64_t(shape[i]));
    QVERIFY(torch::isfinite(out.logits).all().item<bool>());
}

void TestModel::parameterCountIsExact_data()
{
    QTest::addColumn<int>("variant");
    QTest::newRow("dense gqa") << 0;
    QTest::newRow("moe shared experts") << 1;
    QTest::newRow("attention bias") << 2;
    QTest::newRow("tied lm head") << 3;
    QTest::newRow("untied lm head") << 4;
    QTest::newRow("token head, moe every 2nd layer") << 5;
}

void TestModel::parameterCountIsExact()
{
    QFETCH(int, variant);
    ModelConfig m = variant == 1 || variant == 5 ? moeConfig() : denseConfig();
    if (variant == 2)
        m.attention_bias = true;
    if (variant == 3 || variant == 4) {
        m.head = "causal_lm";
        m.tie_word_embeddings = variant == 3;
    }
    if (variant == 5) {
        m.head = "token_classification";
        m.num_hidden_layers = 5;
        m.moe_layer_freq = 2;
    }
    DeepSeekModel model(m);
    QCOMPARE(countParameters(m).total, engine::parameterCount(*model));
}

void TestModel::moeUsesEveryExpertAndHasAuxLoss()
{
    const ModelConfig m = moeConfig();
    DeepSeekModel model(m);
    model->train();
    const auto out = model->forward(torch::randint(0, m.vocab_size, {8, 16}, torch::kLong));
    QVERIFY(out.auxLoss.item<double>() > 0.0);
    int moeLayers = 0;
    for (const auto &layer : *model->layers) {
        auto dl = layer->as<engine::DecoderLayer>();
        if (!dl->moe)
            continue;
        ++moeLayers;
        const auto counts = dl->moe->lastExpertCounts;
        QCOMPARE(counts.numel(), int64_t(m.n_routed_experts));
        QVERIFY2((counts > 0).all().item<bool>(), "an expert received no token on random input");
        QCOMPARE(counts.sum().item<int64_t>(), int64_t(8 * 16 * m.num_experts_per_tok));
    }
    QCOMPARE(moeLayers, 2);
    model->eval();
    QCOMPARE(model->forward(torch::randint(0, m.vocab_size, {2, 8}, torch::kLong)).auxLoss.item<double>(), 0.0);
}

void TestModel::moeGradientsReachRouterAndExperts()
{
    const ModelConfig m = moeConfig();
    DeepSeekModel model(m);
    const auto out = model->forward(torch::randint(0, m.vocab_size, {8, 16}, torch::kLong));
    (out.logits.sum() + out.auxLoss).backward();
    auto moe = model->layers[1]->as<engine::DecoderLayer>()->moe;
    QVERIFY(moe->gate->weight.grad().defined());
    QVERIFY(moe->gate->weight.grad().abs().sum().item<double>() > 0);
    QVERIFY(moe->shared_experts->down_proj->weight.grad().defined());
}

void TestModel::causalMaskHidesTheFuture()
{
    ModelConfig m = denseConfig();
    m.head = "token_classification";
    DeepSeekModel model(m);
    model->eval();
    auto a = torch::randint(0, m.vocab_size, {1, 10}, torch::kLong);
    auto b = a.clone();
    b[0][9] = (a[0][9].item<int64_t>() + 1) % m.vocab_size;
    const auto la = model->forward(a).logits, lb = model->forward(b).logits;
    QVERIFY(torch::allclose(la.slice(1, 0, 9), lb.slice(1, 0, 9)));
    QVERIFY(!torch::allclose(la.slice(1, 9), lb.slice(1, 9)));
}

void TestModel::bf16AutocastForward()
{
    const ModelConfig m = moeConfig();
    DeepSeekModel model(m);
    engine::ModelOutput out;
    {
        engine::AutocastGuard guard(true, false, at::kBFloat16);
        out = model->forward(torch::randint(0, m.vocab_size, {2, 8}, torch::kLong));
    }
    QVERIFY(torch::isfinite(out.logits).all().item<bool>());
    QCOMPARE(out.logits.scalar_type(), at::kBFloat16);
}

void TestModel::batchedMatmulMatchesTorch_data()
{
    // Shapes [N, m, k] x [N, k, n]; `transposed` passes b as a transposed view (k·vᵀ in
    // attention); `kernel` says whether the small-matrix loop is expected to take it.
    QTest::addColumn<int>("N");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("transposed");
    QTest::addColumn<bool>("kernel");
    QTest::newRow("cross-attention scores") << 384 << 8 << 16 << 16 << true << true;
    QTest::newRow("cross-attention context") << 384 << 16 << 5 << 16 << false << true;
    QTest::newRow("one matrix") << 1 << 3 << 7 << 2 << false << true;
    QTest::newRow("odd sizes, transposed") << 37 << 13 << 11 << 9 << true << true;
    QTest::newRow("single key") << 12 << 16 << 16 << 1 << true << true;
    QTest::newRow("largest small") << 4 << 16 << 16 << 16 << false << true;
    QTest::newRow("just above goes to BLAS") << 3 << 16 << 16 << 17 << true << false;
    QTest::newRow("large goes to BLAS") << 2 << 128 << 64 << 128 << true << false;
}

void TestModel::batchedMatmulMatchesTorch()
{
    QFETCH(int, N);
    QFETCH(int, m);
    QFETCH(int, k);
    QFETCH(int, n);
    QFETCH(bool, transposed);
    QFETCH(bool, kernel);
    auto a = torch::randn({N, m, k}, torch::requires_grad());
    auto bStore = transposed ? torch::randn({N, n, k}, torch::requires_grad())
                             : torch::randn({N, k, n}, torch::requires_grad());
    const auto b = transposed ? bStore.transpose(1, 2) : bStore;
    QCOMPARE(engine::usesSmallMatmulKernel(a, b), kernel);

    const auto out = engine::batchedMatmul(a, b);
    const auto ref = torch::matmul(a, b);
    QCOMPARE(out.sizes(), ref.sizes());
    QVERIFY(torch::allclose(out, ref, 1e-5, 1e-5));

    const auto weight = torch::randn_like(ref);
    const auto ga = torch::autograd::grad({(out * weight).sum()}, {a, bStore});
    const auto gr = torch::autograd::grad({(ref * weight).sum()}, {a, bStore});
    QVERIFY(torch::allclose(ga[0], gr[0], 1e-5, 1e-4));
    QVERIFY(torch::allclose(ga[1], gr[1], 1e-5, 1e-4));

    // Without autograd the loop gives the same numbers.
    torch::NoGradGuard noGrad;
    QVERIFY(torch::equal(engine::batchedMatmul(a.detach(), b.detach()), out.detach()));
}

void TestModel::attentionRowsSumToOneAndSkipMaskedKeys()
{
    const int64_t B = 3, H = 2, Tq = 4, Tk = 6, D = 8;
    const auto q = torch::randn({B, H, Tq, D}), k = torch::randn({B, H, Tk, D}), v = torch::randn({B, H, Tk, D});
    auto keyMask = torch::ones({B, Tk}, torch::kBool);
    keyMask.index_put_({1, torch::indexing::Slice(3)}, false); // sample 1 sees its first 3 keys only
    engine::AttentionCapture capture;
    capture.captureAttention = true;
    const auto out = engine::softmaxAttention(q, k, v, {false, keyMask}, 0.0, false, capture);
    QCOMPARE(out.sizes(), (std::vector<int64_t>{B, H, Tq, D}));
    const auto probs = capture.lastAttention;
    QCOMPARE(probs.sizes(), (std::vector<int64_t>{B, H, Tq, Tk}));
    QVERIFY(torch::allclose(probs.sum(-1), torch::ones({B, H, Tq}), 1e-6, 1e-6));
    QCOMPARE(probs[1].slice(-1, 3).abs().sum().item<double>(), 0.0);
    // The reference: softmax(q kᵀ / √d) v with the masked keys removed.
    const auto ref = torch::matmul(torch::softmax(torch::matmul(q[1], k[1].slice(1, 0, 3).transpose(-2, -1))
                                                      / std::sqrt(double(D)),
                                                  -1),
                                   v[1].slice(1, 0, 3));
    QVERIFY(torch::allclose(out[1], ref, 1e-5, 1e-5));

    // Capture off: the same outputs, bit for bit, and nothing kept.
    engine::AttentionCapture off;
    QVERIFY(torch::equal(engine::softmaxAttention(q, k, v, {false, keyMask}, 0.0, false, off), out));
    QVERIFY(!off.lastAttention.defined());
}

QTEST_GUILESS_MAIN(TestModel)
#include "test_model.moc"
