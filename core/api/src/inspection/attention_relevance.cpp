#include "seekbench/inspection/attention_relevance.h"

#include <algorithm>
#include <stdexcept>

namespace seekbench {

Matrix Matrix::zeros(int rows, int cols)
{
    Matrix m;
    m.rows = rows;
    m.cols = cols;
    m.values.assign(std::size_t(rows) * std::size_t(cols), 0.0f);
    return m;
}

Matrix Matrix::identity(int n)
{
    Matrix m = zeros(n, n);
    for (int i = 0; i < n; ++i)
        m.at(i, i) = 1.0f;
    return m;
}

Matrix operator*(const Matrix &a, const Matrix &b)
{
    if (a.cols != b.rows)
        throw std::invalid_argument("matrix product of " + std::to_string(a.rows) + "x" + std::to_string(a.cols)
                                    + " and " + std::to_string(b.rows) + "x" + std::to_string(b.cols));
    Matrix c = Matrix::zeros(a.rows, b.cols);
    for (int i = 0; i < a.rows; ++i)
        for (int k = 0; k < a.cols; ++k) {
            const float x = a.at(i, k);
            if (x == 0.0f)
                continue;
            for (int j = 0; j < b.cols; ++j)
                c.at(i, j) += x * b.at(k, j);
        }
    return c;
}

Matrix transposed(const Matrix &m)
{
    Matrix t = Matrix::zeros(m.cols, m.rows);
    for (int i = 0; i < m.rows; ++i)
        for (int j = 0; j < m.cols; ++j)
            t.at(j, i) = m.at(i, j);
    return t;
}

namespace {

Matrix &operator+=(Matrix &a, const Matrix &b)
{
    for (std::size_t i = 0; i < a.values.size(); ++i)
        a.values[i] += b.values[i];
    return a;
}

// Per-map A-bar of Chefer et al.: mean over heads of the positive part of grad (.) A.
Matrix gradWeighted(const AttentionMap &m)
{
    Matrix out = Matrix::zeros(m.queries, m.keys);
    const std::size_t n = std::size_t(m.queries) * std::size_t(m.keys);
    for (int h = 0; h < m.heads; ++h)
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = std::size_t(h) * n + i;
            out.values[i] += std::max(0.0f, m.weights[k] * m.gradients[k]) / float(m.heads);
        }
    return out;
}

// (R - I) with rows normalised to sum 1, plus I (rules 8-9); rows with no relevance beyond
// the identity stay as they are.
Matrix withoutResidual(const Matrix &r)
{
    Matrix s = r;
    for (int i = 0; i < s.rows; ++i) {
        s.at(i, i) -= 1.0f;
        float sum = 0;
        for (int j = 0; j < s.cols; ++j)
            sum += s.at(i, j);
        for (int j = 0; j < s.cols; ++j)
            s.at(i, j) = (sum > 0 ? s.at(i, j) / sum : s.at(i, j)) + (i == j ? 1.0f : 0.0f);
    }
    return s;
}

const std::string &requireKind(const std::string &kind)
{
    if (kind != "image_self" && kind != "text_self" && kind != "text_to_image" && kind != "image_to_text")
        throw std::invalid_argument("'" + kind + "' is not an attention kind");
    return kind;
}

} // namespace

Matrix headMatrix(const AttentionMap &map, int head)
{
    if (head >= map.heads)
        throw std::invalid_argument(map.kind + " layer " + std::to_string(map.layer) + " has no head "
                                    + std::to_string(head) + " (" + std::to_string(map.heads) + " heads)");
    Matrix m = Matrix::zeros(map.queries, map.keys);
    const std::size_t n = m.values.size();
    for (int h = head < 0 ? 0 : head; h < (head < 0 ? map.heads : head + 1); ++h)
        for (std::size_t i = 0; i < n; ++i)
            m.values[i] += map.weights[std::size_t(h) * n + i];
    if (head < 0 && map.heads > 0)
        for (float &v : m.values)
            v /= float(map.heads);
    return m;
}

const AttentionMap *findMap(const AttentionInspection &a, const std::string &kind, int layer)
{
    for (const auto &m : a.maps)
        if (m.kind == kind && m.layer == layer)
            return &m;
    return nullptr;
}

int layerCount(const AttentionInspection &a, const std::string &kind)
{
    int n = 0;
    for (const auto &m : a.maps)
        if (m.kind == kind)
            n = std::max(n, m.layer + 1);
    return n;
}

namespace {

int streamSize(const AttentionInspection &a, const std::string &kind)
{
    return kind == "text_self" ? int(a.tokens.size()) : a.gridRows * a.gridCols;
}

} // namespace

Matrix attentionRollout(const AttentionInspection &a, const std::string &kind, int lastLayer)
{
    if (kind != "image_self" && kind != "text_self")
        throw std::invalid_argument("rollout runs within a self-attention stream, not '" + kind + "'");
    Matrix r = Matrix::identity(streamSize(a, kind));
    for (int l = 0; l <= lastLayer; ++l) {
        const AttentionMap *m = findMap(a, kind, l);
        if (!m)
            break;
        Matrix step = headMatrix(*m, -1);
        if (step.rows != r.rows)
            throw std::invalid_argument(kind + " layer " + std::to_string(l) + " has " + std::to_string(step.rows)
                                        + " queries, expected " + std::to_string(r.rows));
        for (int i = 0; i < step.rows; ++i) {
            float sum = 0;
            for (int j = 0; j < step.cols; ++j) {
                step.at(i, j) = 0.5f * step.at(i, j) + (i == j ? 0.5f : 0.0f);
                sum += step.at(i, j);
            }
            for (int j = 0; j < step.cols; ++j)
                step.at(i, j) /= sum;
        }
        r = step * r;
    }
    return r;
}

bool hasGradients(const AttentionInspection &a)
{
    if (a.maps.empty())
        return false;
    for (const auto &m : a.maps)
        if (m.gradients.size() != m.weights.size())
            return false;
    return true;
}

BiModalRelevance cheferRelevance(const AttentionInspection &a)
{
    if (!hasGradients(a))
        throw std::invalid_argument("relevance needs the attention gradients; this inspection has none "
                                    "(captured without gradients, or by an older seekbench-cli)");
    const int T = int(a.tokens.size()), P = a.gridRows * a.gridCols;
    BiModalRelevance r{Matrix::identity(T), Matrix::identity(P), Matrix::zeros(T, P), Matrix::zeros(P, T)};
    for (int l = 0; const AttentionMap *m = findMap(a, "text_self", l); ++l) {
        const Matrix g = gradWeighted(*m);
        r.textText += g * r.textText;
        r.textImage += g * r.textImage;
    }
    for (int l = 0; const AttentionMap *m = findMap(a, "image_self", l); ++l) {
        const Matrix g = gradWeighted(*m);
        r.imageImage += g * r.imageImage;
        r.imageText += g * r.imageText;
    }
    for (int l = 0;; ++l) {
        const AttentionMap *ti = findMap(a, "text_to_image", l), *it = findMap(a, "image_to_text", l);
        if (!ti || !it)
            break;
        const Matrix gti = gradWeighted(*ti), git = gradWeighted(*it);
        const Matrix ntt = withoutResidual(r.textText), nii = withoutResidual(r.imageImage);
        const BiModalRelevance before = r;
        r.textImage += transposed(ntt) * gti * nii;
        r.textText += gti * before.imageText;
        r.imageText += transposed(nii) * git * ntt;
        r.imageImage += git * before.textImage;
    }
    return r;
}

Matrix viewMatrix(const AttentionInspection &a, const std::string &kind, int layer, int head, AttentionMode mode,
                  const BiModalRelevance *relevance)
{
    requireKind(kind);
    if (mode == AttentionMode::Relevance) {
        const BiModalRelevance own = relevance ? BiModalRelevance{} : cheferRelevance(a);
        const BiModalRelevance &r = relevance ? *relevance : own;
        if (kind == "text_self")
            return r.textText;
        if (kind == "image_self")
            return r.imageImage;
        return kind == "text_to_image" ? r.textImage : r.imageText;
    }
    const AttentionMap *m = findMap(a, kind, layer);
    if (!m)
        throw std::invalid_argument("this inspection has no " + kind + " layer " + std::to_string(layer));
    if (mode == AttentionMode::Attention)
        return headMatrix(*m, head);
    if (kind == "text_self" || kind == "image_self")
        return attentionRollout(a, kind, layer);
    const Matrix text = attentionRollout(a, "text_self", layerCount(a, "text_self") - 1);
    const Matrix image = attentionRollout(a, "image_self", layerCount(a, "image_self") - 1);
    const Matrix cross = headMatrix(*m, -1);
    return kind == "text_to_image" ? text * cross * image : image * cross * text;
}

std::vector<float> patchHeat(const Matrix &v, const std::string &kind, int token, int patch)
{
    std::vector<float> out;
    if (kind == "text_to_image" && token >= 0 && token < v.rows) {
        out.assign(v.values.begin() + std::ptrdiff_t(token) * v.cols,
                   v.values.begin() + std::ptrdiff_t(token + 1) * v.cols);
    } else if (kind == "image_to_text" && token >= 0 && token < v.cols) {
        for (int p = 0; p < v.rows; ++p)
            out.push_back(v.at(p, token));
    } else if (kind == "image_self") {
        if (patch >= 0 && patch < v.rows) {
            out.assign(v.values.begin() + std::ptrdiff_t(patch) * v.cols,
                       v.values.begin() + std::ptrdiff_t(patch + 1) * v.cols);
        } else {
            out.assign(std::size_t(v.cols), 0.0f);
            for (int q = 0; q < v.rows; ++q)
                for (int k = 0; k < v.cols; ++k)
                    out[std::size_t(k)] += v.at(q, k) / float(v.rows);
        }
    }
    return out;
}

std::vector<float> tokenWeights(const Matrix &v, const std::string &kind, int token, int patch)
{
    std::vector<float> out;
    if (kind == "text_to_image" && patch >= 0 && patch < v.cols) {
        for (int t = 0; t < v.rows; ++t)
            out.push_back(v.at(t, patch));
    } else if (kind == "image_to_text" && patch >= 0 && patch < v.rows) {
        out.assign(v.values.begin() + std::ptrdiff_t(patch) * v.cols,
                   v.values.begin() + std::ptrdiff_t(patch + 1) * v.cols);
    } else if (kind == "text_self" && token >= 0 && token < v.rows) {
        out.assign(v.values.begin() + std::ptrdiff_t(token) * v.cols,
                   v.values.begin() + std::ptrdiff_t(token + 1) * v.cols);
    }
    return out;
}

} // namespace seekbench
