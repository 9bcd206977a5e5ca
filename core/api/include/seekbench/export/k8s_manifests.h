#pragma once

// Kubernetes manifests for Seekbench (issue 23), torch-free: a Triton Deployment, Service
// and HorizontalPodAutoscaler that serve an exported model repository from a
// PersistentVolumeClaim, and a Kubeflow PyTorchJob that trains a run config on several
// pods. Every user value is written as a YAML double-quoted scalar by yaml-cpp's emitter,
// so that no name or image can add a key or a document.

#include "seekbench/export/serving_settings.h"

#include <string>
#include <vector>

namespace seekbench {

struct KubernetesSettings
{
    std::string image = "nvcr.io/nvidia/tritonserver:24.08-py3"; // the serving container
    std::string namespaceName = "default";
    int replicas = 1; // the Deployment's replicas before the autoscaler acts
    int minReplicas = 1;
    int maxReplicas = 4;
    int targetCpuPercent = 70;                           // the autoscaler's average CPU utilization target
    std::string modelRepositoryPvc = "seekbench-models"; // holds the Triton model repository, mounted at /models
    std::string cpuRequest = "1";
    std::string memoryRequest = "2Gi";
    // The training job's: an image with seekbench-cli on its PATH (required by
    // trainingJobYaml; there is no default) and the claim the runs are written to
    // (mounted at /runs; ReadWriteMany when the pods may land on several nodes).
    std::string trainingImage;
    std::string runsPvc = "seekbench-runs";
};

// Every problem with the settings, each naming its field ("namespace 'Prod' must be ...");
// empty when they are usable.
std::vector<std::string> kubernetesSettingsProblems(const KubernetesSettings &settings);

// A DNS-1123 label: 1-63 of [a-z0-9-], starting and ending with a letter or digit.
bool isDns1123Label(const std::string &name);

// The Kubernetes object name for a model: lowercase, '_' and '.' (and anything else
// outside [a-z0-9-]) as '-', "seekbench-" in front, trimmed to 63 characters, no '-' at
// either end: "My_Model.v2" -> "seekbench-my-model-v2".
std::string kubernetesName(const std::string &modelName);

// Deployment (apps/v1), Service (v1) and HorizontalPodAutoscaler (autoscaling/v2) as one
// multi-document YAML. The values are written as given: check them first with
// servingSettingsProblems and kubernetesSettingsProblems.
std::string servingManifestsYaml(const ServingSettings &serving, const KubernetesSettings &k8s);

// A Kubeflow PyTorchJob (kubeflow.org/v1): a Master and workers - 1 Workers, each running
// `seekbench-cli train --config <configPathInImage> --out /runs/<jobName>`. Throws
// std::invalid_argument naming the argument for a job name that is not a DNS-1123 label,
// workers outside 1..1024, an empty config path or an empty training image.
std::string trainingJobYaml(const KubernetesSettings &k8s, const std::string &jobName, int workers,
                            const std::string &configPathInImage);

} // namespace seekbench
