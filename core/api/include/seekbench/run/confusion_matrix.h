#pragma once

// The confusion matrix of one evaluation of a classification run, torch-free: the trainer
// writes the last evaluation's (and the best one's) into the run folder, the run report
// reads it back and shows per-class precision, recall and F1.
//
// JSON (format "seekbench-confusion-1"), in <run dir>/eval/confusion.json and
// <run dir>/eval/confusion_best.json:
// {"format": "seekbench-confusion-1", "split": "validation", "step": 200,
//  "classes": ["T-shirt/top", ...], "matrix": [[int, ...], ...]}
// matrix[t][p] counts the examples of true class t predicted as class p.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seekbench {

inline constexpr const char *kConfusionFormat = "seekbench-confusion-1";
// Relative to the run folder.
inline constexpr const char *kConfusionFile = "eval/confusion.json";
inline constexpr const char *kBestConfusionFile = "eval/confusion_best.json";

struct ConfusionMatrix
{
    std::string split; // "validation", "eval"
    std::int64_t step = 0;
    std::vector<std::string> classes;
    std::vector<std::vector<std::int64_t>> counts; // [true][predicted], classes.size() squared

    // Classes named "0", "1", ... and a zero matrix.
    static ConfusionMatrix zeros(int classCount);
    std::int64_t total() const;
    std::int64_t correct() const; // the diagonal
    double accuracy() const;      // 0 without examples
};

struct ClassMetrics
{
    std::string name;
    double precision = 0, recall = 0, f1 = 0; // 0 where undefined (no prediction, no example)
    std::int64_t support = 0;                 // examples of the class
    std::int64_t predicted = 0;               // examples predicted as the class
};

struct ClassificationMetrics
{
    std::vector<ClassMetrics> perClass;
    ClassMetrics macro;    // unweighted mean over classes; support: the total
    ClassMetrics weighted; // mean weighted by support
    double accuracy = 0;
};

ClassificationMetrics classificationMetrics(const ConfusionMatrix &m);

std::string toJson(const ConfusionMatrix &m);
// Throws std::invalid_argument naming `source` (the file) and the field at fault: not JSON,
// another format, a field missing or of the wrong type, a ragged or non-square matrix, a
// negative count, a class count that does not match the matrix.
ConfusionMatrix confusionMatrixFromJson(std::string_view text, const std::string &source = "confusion matrix");

} // namespace seekbench
