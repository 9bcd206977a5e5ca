// The DeepSeek-style block: shapes per head, exact parameter count against the torch-free
// estimate, MoE routing and its auxiliary loss.

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "autocast.h"
#include "model.h"
#include "seekbench/estimates.h"
#include "seekbench/validation.h"

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

QTEST_GUILESS_MAIN(TestModel)
#include "test_model.moc"
