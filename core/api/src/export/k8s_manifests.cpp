#include "seekbench/export/k8s_manifests.h"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <stdexcept>

namespace seekbench {
namespace {

constexpr int kHttpPort = 8000, kGrpcPort = 8001, kMetricsPort = 8002;
constexpr int kMasterPort = 23456; // the training operator's default for pytorchjob-port
constexpr const char *kNameLabel = "app.kubernetes.io/name";

// A subdomain: labels joined by '.', at most 253 characters (claim names).
bool isDns1123Subdomain(const std::string &name)
{
    static const std::regex subdomain("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    return !name.empty() && name.size() <= 253 && std::regex_match(name, subdomain);
}

bool isQuantity(const std::string &q)
{
    static const std::regex quantity("([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    return std::regex_match(q, quantity);
}

bool isImage(const std::string &image)
{
    if (image.empty() || image.size() > 1024)
        return false;
    for (unsigned char c : image)
        if (c <= 0x20 || c == 0x7f)
            return false;
    return true;
}

// User values are always double-quoted scalars: yaml-cpp escapes quotes, backslashes and
// control characters in them, so they cannot end the scalar.
void put(YAML::Emitter &e, const char *key, const std::string &value)
{
    e << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
}

void put(YAML::Emitter &e, const char *key, int value) { e << YAML::Key << key << YAML::Value << value; }

void metadata(YAML::Emitter &e, const std::string &name, const std::string &ns, const std::string &component)
{
    e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
    put(e, "name", name);
    put(e, "namespace", ns);
    e << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
    put(e, kNameLabel, name);
    put(e, "app.kubernetes.io/component", component);
    put(e, "app.kubernetes.io/managed-by", "seekbench");
    e << YAML::EndMap << YAML::EndMap;
}

void selectorLabels(YAML::Emitter &e, const char *key, const std::string &name)
{
    e << YAML::Key << key << YAML::Value << YAML::BeginMap;
    put(e, kNameLabel, name);
    e << YAML::EndMap;
}

void resources(YAML::Emitter &e, const KubernetesSettings &k)
{
    // No CPU limit (throttling only slows requests down); memory is limited to the request
    // so that a pod that outgrows it is restarted instead of starving its node.
    e << YAML::Key << "resources" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "requests" << YAML::Value << YAML::BeginMap;
    put(e, "cpu", k.cpuRequest);
    put(e, "memory", k.memoryRequest);
    e << YAML::EndMap;
    e << YAML::Key << "limits" << YAML::Value << YAML::BeginMap;
    put(e, "memory", k.memoryRequest);
    e << YAML::EndMap << YAML::EndMap;
}

void probe(YAML::Emitter &e, const char *key, const char *path, int initialDelay, int period)
{
    e << YAML::Key << key << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "httpGet" << YAML::Value << YAML::BeginMap;
    put(e, "path", path);
    put(e, "port", kHttpPort);
    e << YAML::EndMap;
    put(e, "initialDelaySeconds", initialDelay);
    put(e, "periodSeconds", period);
    put(e, "timeoutSeconds", 5);
    put(e, "failureThreshold", 3);
    e << YAML::EndMap;
}

void port(YAML::Emitter &e, const char *name, int number, bool service)
{
    e << YAML::BeginMap;
    put(e, "name", name);
    if (service) {
        put(e, "port", number);
        put(e, "targetPort", number);
    } else {
        put(e, "containerPort", number);
    }
    put(e, "protocol", "TCP");
    e << YAML::EndMap;
}

void claimVolume(YAML::Emitter &e, const char *name, const std::string &claim, bool readOnly)
{
    e << YAML::Key << "volumes" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    put(e, "name", name);
    e << YAML::Key << "persistentVolumeClaim" << YAML::Value << YAML::BeginMap;
    put(e, "claimName", claim);
    if (readOnly)
        e << YAML::Key << "readOnly" << YAML::Value << true;
    e << YAML::EndMap << YAML::EndMap << YAML::EndSeq;
}

std::string finished(const YAML::Emitter &e)
{
    if (!e.good())
        throw std::logic_error("writing Kubernetes YAML failed: " + e.GetLastError());
    return std::string(e.c_str()) + "\n";
}

std::string deployment(const ServingSettings &s, const KubernetesSettings &k, const std::string &name)
{
    YAML::Emitter e;
    e << YAML::BeginMap;
    put(e, "apiVersion", "apps/v1");
    put(e, "kind", "Deployment");
    metadata(e, name, k.namespaceName, "inference-server");
    e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
    put(e, "replicas", k.replicas);
    e << YAML::Key << "selector" << YAML::Value << YAML::BeginMap;
    selectorLabels(e, "matchLabels", name);
    e << YAML::EndMap;
    e << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
    selectorLabels(e, "labels", name);
    e << YAML::Key << "annotations" << YAML::Value << YAML::BeginMap;
    put(e, "seekbench.io/model-name", s.modelName);
    put(e, "prometheus.io/scrape", "true");
    put(e, "prometheus.io/port", std::to_string(kMetricsPort));
    e << YAML::EndMap << YAML::EndMap;
    e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "containers" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    put(e, "name", "triton");
    put(e, "image", k.image);
    e << YAML::Key << "command" << YAML::Value << YAML::Flow << YAML::BeginSeq << YAML::DoubleQuoted << "tritonserver"
      << YAML::DoubleQuoted << "--model-repository=/models" << YAML::EndSeq;
    e << YAML::Key << "ports" << YAML::Value << YAML::BeginSeq;
    port(e, "http", kHttpPort, false);
    port(e, "grpc", kGrpcPort, false);
    port(e, "metrics", kMetricsPort, false);
    e << YAML::EndSeq;
    // Ready once the model repository is loaded; live while the server answers at all.
    probe(e, "readinessProbe", "/v2/health/ready", 10, 5);
    probe(e, "livenessProbe", "/v2/health/live", 60, 15);
    resources(e, k);
    e << YAML::Key << "volumeMounts" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    put(e, "name", "model-repository");
    put(e, "mountPath", "/models");
    e << YAML::Key << "readOnly" << YAML::Value << true;
    e << YAML::EndMap << YAML::EndSeq;
    e << YAML::EndMap << YAML::EndSeq; // the container, containers
    claimVolume(e, "model-repository", k.modelRepositoryPvc, true);
    e << YAML::EndMap << YAML::EndMap; // the pod spec, template
    e << YAML::EndMap << YAML::EndMap; // spec, the document
    return finished(e);
}

std::string service(const KubernetesSettings &k, const std::string &name)
{
    YAML::Emitter e;
    e << YAML::BeginMap;
    put(e, "apiVersion", "v1");
    put(e, "kind", "Service");
    metadata(e, name, k.namespaceName, "inference-server");
    e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
    put(e, "type", "ClusterIP");
    selectorLabels(e, "selector", name);
    e << YAML::Key << "ports" << YAML::Value << YAML::BeginSeq;
    port(e, "http", kHttpPort, true);
    port(e, "grpc", kGrpcPort, true);
    port(e, "metrics", kMetricsPort, true);
    e << YAML::EndSeq << YAML::EndMap << YAML::EndMap;
    return finished(e);
}

std::string autoscaler(const KubernetesSettings &k, const std::string &name)
{
    YAML::Emitter e;
    e << YAML::BeginMap;
    put(e, "apiVersion", "autoscaling/v2");
    put(e, "kind", "HorizontalPodAutoscaler");
    metadata(e, name, k.namespaceName, "inference-server");
    e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "scaleTargetRef" << YAML::Value << YAML::BeginMap;
    put(e, "apiVersion", "apps/v1");
    put(e, "kind", "Deployment");
    put(e, "name", name);
    e << YAML::EndMap;
    put(e, "minReplicas", k.minReplicas);
    put(e, "maxReplicas", k.maxReplicas);
    e << YAML::Key << "metrics" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    put(e, "type", "Resource");
    e << YAML::Key << "resource" << YAML::Value << YAML::BeginMap;
    put(e, "name", "cpu");
    e << YAML::Key << "target" << YAML::Value << YAML::BeginMap;
    put(e, "type", "Utilization");
    put(e, "averageUtilization", k.targetCpuPercent);
    e << YAML::EndMap << YAML::EndMap << YAML::EndMap << YAML::EndSeq;
    e << YAML::EndMap << YAML::EndMap;
    return finished(e);
}

// One replica type of the PyTorchJob: its pods run the same command; the operator tells
// each its rank.
void replicaSpec(YAML::Emitter &e, const char *type, int replicas, const KubernetesSettings &k,
                 const std::string &jobName, const std::string &configPath)
{
    e << YAML::Key << type << YAML::Value << YAML::BeginMap;
    put(e, "replicas", replicas);
    put(e, "restartPolicy", "Never"); // a rank cannot rejoin a running job: a failure ends it
    e << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "containers" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    put(e, "name", "pytorch"); // the training operator finds the container by this name
    put(e, "image", k.trainingImage);
    e << YAML::Key << "command" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string &word : {std::string("seekbench-cli"), std::string("train"), std::string("--config"),
                                    configPath, std::string("--out"), "/runs/" + jobName})
        e << YAML::DoubleQuoted << word;
    e << YAML::EndSeq;
    // One rank per pod: the operator sets RANK and WORLD_SIZE, not the local ones.
    e << YAML::Key << "env" << YAML::Value << YAML::BeginSeq;
    for (const char *var : {"LOCAL_RANK", "LOCAL_WORLD_SIZE"}) {
        e << YAML::BeginMap;
        put(e, "name", var);
        put(e, "value", var == std::string("LOCAL_RANK") ? "0" : "1");
        e << YAML::EndMap;
    }
    e << YAML::EndSeq;
    e << YAML::Key << "ports" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    put(e, "name", "pytorchjob-port");
    put(e, "containerPort", kMasterPort);
    e << YAML::EndMap << YAML::EndSeq;
    resources(e, k);
    e << YAML::Key << "volumeMounts" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    put(e, "name", "runs");
    put(e, "mountPath", "/runs");
    e << YAML::EndMap << YAML::EndSeq;
    e << YAML::EndMap << YAML::EndSeq; // the container, containers
    claimVolume(e, "runs", k.runsPvc, false);
    e << YAML::EndMap << YAML::EndMap << YAML::EndMap; // the pod spec, template, the replica type
}

} // namespace

bool isDns1123Label(const std::string &name)
{
    static const std::regex label("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    return !name.empty() && name.size() <= 63 && std::regex_match(name, label);
}

std::string kubernetesName(const std::string &modelName)
{
    std::string body;
    for (char c : modelName) {
        const char lower = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        const bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (ok)
            body += lower;
        else if (!body.empty() && body.back() != '-')
            body += '-';
    }
    const std::string prefix = "seekbench-";
    if (body.rfind(prefix, 0) == 0)
        body.erase(0, prefix.size());
    std::string name = prefix + (body.empty() ? std::string("model") : body);
    if (name.size() > 63)
        name.resize(63);
    while (name.back() == '-')
        name.pop_back();
    return name;
}

std::vector<std::string> kubernetesSettingsProblems(const KubernetesSettings &k)
{
    std::vector<std::string> p;
    const char *label = "must be a DNS-1123 label (1-63 lowercase letters, digits or '-', starting and ending "
                        "with a letter or digit)";
    if (!isImage(k.image))
        p.push_back("image '" + k.image + "' must be a non-empty image reference without whitespace");
    if (!k.trainingImage.empty() && !isImage(k.trainingImage))
        p.push_back("training image '" + k.trainingImage + "' must be an image reference without whitespace");
    if (!isDns1123Label(k.namespaceName))
        p.push_back("namespace '" + k.namespaceName + "' " + label);
    if (k.minReplicas < 1)
        p.push_back("min replicas must be at least 1 (it is " + std::to_string(k.minReplicas) + ")");
    if (k.maxReplicas < k.minReplicas)
        p.push_back("max replicas (" + std::to_string(k.maxReplicas) + ") must be at least min replicas ("
                    + std::to_string(k.minReplicas) + ")");
    if (k.replicas < k.minReplicas || k.replicas > k.maxReplicas)
        p.push_back("replicas (" + std::to_string(k.replicas) + ") must lie in min replicas..max replicas ("
                    + std::to_string(k.minReplicas) + ".." + std::to_string(k.maxReplicas) + ")");
    if (k.targetCpuPercent < 1 || k.targetCpuPercent > 100)
        p.push_back("target CPU percent must be in 1..100 (it is " + std::to_string(k.targetCpuPercent) + ")");
    if (!isDns1123Subdomain(k.modelRepositoryPvc))
        p.push_back("model repository PVC '" + k.modelRepositoryPvc
                    + "' must be a DNS-1123 name (lowercase "
                      "letters, digits, '-' and '.')");
    if (!isDns1123Subdomain(k.runsPvc))
        p.push_back("runs PVC '" + k.runsPvc + "' must be a DNS-1123 name (lowercase letters, digits, '-' and '.')");
    if (!isQuantity(k.cpuRequest))
        p.push_back("cpu request '" + k.cpuRequest + "' must be a Kubernetes quantity such as 1, 500m or 2.5");
    if (!isQuantity(k.memoryRequest))
        p.push_back("memory request '" + k.memoryRequest + "' must be a Kubernetes quantity such as 2Gi or 512Mi");
    return p;
}

std::string servingManifestsYaml(const ServingSettings &s, const KubernetesSettings &k)
{
    const std::string name = kubernetesName(s.modelName);
    // Only the derived name, a DNS-1123 label, goes into the comment: a raw value could end it.
    return "# " + name + ": Triton serving the model repository on a PersistentVolumeClaim, mounted at /models.\n"
           + "# Written by Seekbench; apply with kubectl apply -f.\n---\n" + deployment(s, k, name) + "---\n"
           + service(k, name) + "---\n" + autoscaler(k, name);
}

std::string trainingJobYaml(const KubernetesSettings &k, const std::string &jobName, int workers,
                            const std::string &configPathInImage)
{
    if (!isDns1123Label(jobName))
        throw std::invalid_argument("job name '" + jobName
                                    + "' must be a DNS-1123 label (1-63 lowercase letters, digits or '-')");
    if (workers < 1 || workers > 1024)
        throw std::invalid_argument("workers must be in 1..1024 (it is " + std::to_string(workers) + ")");
    if (configPathInImage.empty())
        throw std::invalid_argument("the config path in the image is empty");
    if (k.trainingImage.empty())
        throw std::invalid_argument("training image is empty: give an image with seekbench-cli on its PATH");

    YAML::Emitter e;
    e << YAML::BeginMap;
    put(e, "apiVersion", "kubeflow.org/v1");
    put(e, "kind", "PyTorchJob");
    metadata(e, jobName, k.namespaceName, "training");
    e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "pytorchReplicaSpecs" << YAML::Value << YAML::BeginMap;
    replicaSpec(e, "Master", 1, k, jobName, configPathInImage);
    if (workers > 1)
        replicaSpec(e, "Worker", workers - 1, k, jobName, configPathInImage);
    e << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    return "# A Seekbench training run on " + std::to_string(workers)
           + " pods, one rank each (Kubeflow training operator).\n"
             "# The operator sets MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK in torchrun's convention,\n"
             "# which seekbench-cli train reads (seekbench/run/rank_environment.h); rank 0 (the Master)\n"
             "# hosts the rendezvous on pytorchjob-port. Every rank writes into /runs/<job name> on the\n"
             "# runs claim: make it ReadWriteMany when the pods may land on several nodes.\n---\n"
           + finished(e);
}

} // namespace seekbench
