#include "config/config_field_text.h"

#include "seekbench/config/config_schema.h"

#include <QCoreApplication>
#include <QSet>

namespace seekbench::ui {

namespace {
// Every description of core/api/src/config/config_schema.cpp, so lupdate sees them.
const char *const kDescriptions[] = {
    QT_TRANSLATE_NOOP("ConfigSchema", "Name of the run, shown in the runs table."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Width of the residual stream."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Query heads per attention layer."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Key/value heads (grouped-query attention); must divide the query heads."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Hidden width of the dense SwiGLU MLP."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Number of transformer blocks."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Token vocabulary size."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Longest sequence the rotary embedding table covers."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Epsilon of RMSNorm."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Base of the rotary position embedding."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Dropout on the attention weights during training."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Activation of the gated MLP."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Bias terms on the q/k/v/o projections."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Share the input embedding with the language-model head (causal_lm head only)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Routed experts per MoE layer; 0 makes a dense model."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Shared experts every token passes through."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Routed experts chosen per token (top-k)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Hidden width of each expert."),
    QT_TRANSLATE_NOOP("ConfigSchema", "The first k layers keep a dense MLP."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Every n-th layer (after the dense ones) is a MoE layer."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Renormalise the top-k routing weights to sum to one."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Router scoring function."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Weight of the load-balancing auxiliary loss."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Task head on top of the transformer."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Outputs of the head (classes; 1 for scalar regression)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "How a sequence head pools the tokens."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Causal (decoder) attention mask."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Dataset."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Classes of the synthetic task."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Training samples."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Evaluation samples."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Fashion-MNIST: training images held out for evaluation, early stopping and keep-best."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Tokens per sample."),
    QT_TRANSLATE_NOOP("ConfigSchema", "0 easy .. 1 hard: noise, distractors and label noise."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Seed of the data generator."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Optimizer."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Peak learning rate."),
    QT_TRANSLATE_NOOP("ConfigSchema", "The schedule decays to lr times this."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Decoupled weight decay (AdamW) or L2 (SGD)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "AdamW beta1."),
    QT_TRANSLATE_NOOP("ConfigSchema", "AdamW beta2."),
    QT_TRANSLATE_NOOP("ConfigSchema", "AdamW epsilon."),
    QT_TRANSLATE_NOOP("ConfigSchema", "SGD momentum."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Learning-rate schedule after warmup."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Linear warmup steps."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Optimizer steps of the run."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Samples per micro-batch."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Micro-batches per optimizer step."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Clip the global gradient norm to this; 0 disables."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Evaluate every n steps; 0 only at the end."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Batches per evaluation; 0 for the whole split."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Stop after this many evaluations without improvement; 0 disables."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Metric that early stopping and the best checkpoint follow."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Checkpoint every n steps; 0 only at the end."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Checkpoints kept besides the best."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Also keep the checkpoint with the best eval metric."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Compute precision (autocast); auto measures fp32 against bf16 on the machine "
                                      "that trains and takes the faster."),
    QT_TRANSLATE_NOOP("ConfigSchema", "A non-finite loss or gradient norm stops the run, or skips the step."),
    QT_TRANSLATE_NOOP("ConfigSchema", "fp16 only: the loss scale of the first step; a step whose gradients "
                                      "overflow is skipped and halves it."),
    QT_TRANSLATE_NOOP("ConfigSchema", "fp16 only: steps without overflow after which the loss scale doubles."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Intra-op threads; 0 uses the cores given to the process."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Device to train on."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Collectives of several ranks: auto (NCCL on CUDA when the build has it, else Gloo), gloo or nccl."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Record step metrics every n steps."),
    QT_TRANSLATE_NOOP("ConfigSchema", "System samples per second (memory, CPU, GPU)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Seed of initialisation, shuffling and dropout."),
    QT_TRANSLATE_NOOP("ConfigSchema", "ZeRO stage over data-parallel ranks: 0 off, 1 shards the optimizer state."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Message passing runs within time windows of this many days."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Rounds of message passing over the transaction graph per window."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Recent transactions of the sender the DeepSeek blocks read for each score."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Months before the test months on which the threshold, operating points and early stopping are tuned."),
    QT_TRANSLATE_NOOP("ConfigSchema", "The last months of transactions: the reported figures, never tuned on."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Loss weight of laundering transactions; 0 uses sqrt(normal/laundering)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Alerts the analysts can work a day (threshold tuning)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Cost of a missed laundering transaction (threshold tuning)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Cost of working a false alert (threshold tuning)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "False-positive rate at which recall is reported (0.021: the article's 2.1 %)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "An alert is high severity when the precision at its score reaches this."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "An alert is medium severity when the precision at its score reaches this (and low below it)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Boosting rounds of the XGBoost baseline."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Tree depth of the XGBoost baseline."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Image-text model with cross attention, or the image-only ViT baseline."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Folder with the gzipped Fashion-MNIST IDX files."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Side of the square image patches (must divide 28)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Transformer blocks of the patch encoder."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Transformer blocks of the caption encoder."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Cross-attention layers, each text-to-image and image-to-text."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Wrong captions scored beside the right one per image."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Share of negatives that name a similar class."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Share of training captions reduced to the class-only template."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Weight of the loss that scores each training image against the ten class templates."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Share of each batch's images scored against the ten class templates."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Weight of an auxiliary ten-class head on the image features (0 leaves it out; crossmodal.decision says whether it helps decide the class)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "How an image's class is decided: by the ten class templates, or by the templates and the auxiliary head together (their log-probabilities added)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Training images are moved by up to this many pixels at random (0 = off)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Half of the training images are mirrored left to right at random; their captions describe the mirrored image."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Channels of a convolutional stem whose features, max-pooled within each patch, are added to the patch embedding (0 = off)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "One negative keeps the class and changes an attribute."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "The project's fleet the windows are cut from (seekbench-cli pdm fleets lists them)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Time a window step covers, in the fleet's unit (0: an hour, or a cycle for C-MAPSS)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Steps a window reads (0: 24, or 30 for C-MAPSS)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "A window every this many steps."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "A window is positive when a failure follows within this time (0: 3 days, or 30 cycles)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Each machine's readings are normalised against its own first period of this length (0: none; -1: a day, none for C-MAPSS)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Remaining useful life above this is learnt and reported as this (0: 30 days, or 125 cycles)."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Share of the machines held out for validation: thresholds and early stopping are tuned on them."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Share of the machines held out for the test, in the last quarter of the period: reported once."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Stacked LSTM layers of the sensor model."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Per-sensor and temporal attention; off gives the plain LSTM baseline."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Weight of the remaining-useful-life loss beside the failure losses."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Loss weight of windows before a failure; 0 uses sqrt(negatives/positives) per failure mode."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "An alert counts when it comes at least this long before the failure (0: a day, or 5 cycles)."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Boosting rounds of the XGBoost model beside it."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "The project's annotated corpus the model trains on (seekbench-cli kg corpora lists them)."),
    QT_TRANSLATE_NOOP(
        "ConfigSchema",
        "Hashed buckets of the word embedding's character n-grams; unseen and misspelt words share their n-grams with known ones."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Weight of the relation loss beside the entity loss."),
    QT_TRANSLATE_NOOP("ConfigSchema", "Loss weight of entity pairs with no relation, against 1 for related pairs."),
    QT_TRANSLATE_NOOP("ConfigSchema",
                      "Entity pairs of a sentence the relation head trains on, at most (all related pairs first)."),
};
} // namespace

QStringList ConfigFieldText::groupOrder()
{
    return {QStringLiteral("model"),      QStringLiteral("moe"),         QStringLiteral("head"),
            QStringLiteral("training"),   QStringLiteral("precision"),   QStringLiteral("data"),
            QStringLiteral("crossmodal"), QStringLiteral("aml"),         QStringLiteral("pdm"),
            QStringLiteral("kg"),         QStringLiteral("distributed"), QStringLiteral("checkpoints"),
            QStringLiteral("run")};
}

QString ConfigFieldText::groupTitle(const QString &group)
{
    if (group == QLatin1String("model"))
        return QCoreApplication::translate("ConfigSchema", "Model");
    if (group == QLatin1String("moe"))
        return QCoreApplication::translate("ConfigSchema", "Mixture of experts");
    if (group == QLatin1String("head"))
        return QCoreApplication::translate("ConfigSchema", "Task head");
    if (group == QLatin1String("training"))
        return QCoreApplication::translate("ConfigSchema", "Training");
    if (group == QLatin1String("precision"))
        return QCoreApplication::translate("ConfigSchema", "Precision");
    if (group == QLatin1String("data"))
        return QCoreApplication::translate("ConfigSchema", "Data");
    if (group == QLatin1String("distributed"))
        return QCoreApplication::translate("ConfigSchema", "Distributed");
    if (group == QLatin1String("crossmodal"))
        return QCoreApplication::translate("ConfigSchema", "Cross-modal (image and text)");
    if (group == QLatin1String("aml"))
        return QCoreApplication::translate("ConfigSchema", "Anti-money laundering");
    if (group == QLatin1String("pdm"))
        return QCoreApplication::translate("ConfigSchema", "Predictive maintenance");
    if (group == QLatin1String("kg"))
        return QCoreApplication::translate("ConfigSchema", "Medical knowledge graph");
    if (group == QLatin1String("checkpoints"))
        return QCoreApplication::translate("ConfigSchema", "Checkpoints");
    if (group == QLatin1String("run"))
        return QCoreApplication::translate("ConfigSchema", "Run");
    return group;
}

QString ConfigFieldText::description(const std::string &english)
{
    return QCoreApplication::translate("ConfigSchema", english.c_str());
}

bool ConfigFieldText::coversSchema(QStringList *missing)
{
    QSet<QString> known;
    for (const char *d : kDescriptions)
        known.insert(QString::fromUtf8(d));
    bool all = true;
    for (const ConfigField &f : configSchema()) {
        if (!known.contains(QString::fromStdString(f.description))) {
            all = false;
            if (missing)
                *missing << QString::fromStdString(f.path);
        }
    }
    return all;
}

} // namespace seekbench::ui
