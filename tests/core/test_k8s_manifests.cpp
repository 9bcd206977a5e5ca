// Kubernetes manifests read back as kubectl would: every document parsed with yaml-cpp and
// checked for what the API server and the controllers match on (kinds, names, selectors,
// probes, ports, the autoscaler's target, the PyTorchJob's replica specs). Bad settings are
// named by field, and hostile names and images never add a key or a document.

#include "seekbench/export/k8s_manifests.h"

#include <yaml-cpp/yaml.h>

#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

using namespace seekbench;

namespace {

std::set<std::string> keys(const YAML::Node &map)
{
    std::set<std::string> out;
    for (const auto &kv : map)
        out.insert(kv.first.as<std::string>());
    return out;
}

std::map<std::string, std::string> stringMap(const YAML::Node &map)
{
    std::map<std::string, std::string> out;
    for (const auto &kv : map)
        out[kv.first.as<std::string>()] = kv.second.as<std::string>();
    return out;
}

std::vector<std::string> strings(const YAML::Node &seq)
{
    std::vector<std::string> out;
    for (const auto &v : seq)
        out.push_back(v.as<std::string>());
    return out;
}

std::set<int> portNumbers(const YAML::Node &ports, const char *key)
{
    std::set<int> out;
    for (const auto &p : ports)
        out.insert(p[key].as<int>());
    return out;
}

ServingSettings serving(const std::string &name = "My_Model.v2")
{
    ServingSettings s;
    s.modelName = name;
    return s;
}

KubernetesSettings k8s()
{
    KubernetesSettings k;
    k.namespaceName = "ml-serving";
    k.minReplicas = 2;
    k.replicas = 2;
    k.maxReplicas = 6;
    k.targetCpuPercent = 65;
    k.modelRepositoryPvc = "models.v1";
    k.cpuRequest = "500m";
    k.memoryRequest = "3Gi";
    k.trainingImage = "registry.example.com/seekbench:1.4";
    return k;
}

template<typename F>
QString thrownMessage(F f)
{
    try {
        f();
    } catch (const std::invalid_argument &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestK8sManifests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servingManifestsMatchUp()
    {
        const KubernetesSettings k = k8s();
        const std::vector<YAML::Node> docs = YAML::LoadAll(servingManifestsYaml(serving(), k));
        QCOMPARE(docs.size(), std::size_t(3));
        const std::string name = "seekbench-my-model-v2";
        const std::vector<std::pair<std::string, std::string>> kinds
            = {{"apps/v1", "Deployment"}, {"v1", "Service"}, {"autoscaling/v2", "HorizontalPodAutoscaler"}};
        for (std::size_t i = 0; i < docs.size(); ++i) {
            QCOMPARE(docs[i]["apiVersion"].as<std::string>(), kinds[i].first);
            QCOMPARE(docs[i]["kind"].as<std::string>(), kinds[i].second);
            QCOMPARE(docs[i]["metadata"]["name"].as<std::string>(), name);
            QCOMPARE(docs[i]["metadata"]["namespace"].as<std::string>(), std::string("ml-serving"));
        }

        const YAML::Node deployment = docs[0]["spec"];
        QCOMPARE(deployment["replicas"].as<int>(), 2);
        const auto selector = stringMap(deployment["selector"]["matchLabels"]);
        QCOMPARE(selector.at("app.kubernetes.io/name"), name);
        const auto podLabels = stringMap(deployment["template"]["metadata"]["labels"]);
        for (const auto &[key, value] : selector) // the Deployment owns its pods only if they match
            QCOMPARE(podLabels.at(key), value);
        QCOMPARE(deployment["template"]["metadata"]["annotations"]["seekbench.io/model-name"].as<std::string>(),
                 std::string("My_Model.v2"));
        const YAML::Node pod = deployment["template"]["spec"];
        QCOMPARE(pod["containers"].size(), std::size_t(1));
        const YAML::Node c = pod["containers"][0];
        QCOMPARE(c["image"].as<std::string>(), k.image);
        QCOMPARE(strings(c["command"]), (std::vector<std::string>{"tritonserver", "--model-repository=/models"}));
        QCOMPARE(portNumbers(c["ports"], "containerPort"), (std::set<int>{8000, 8001, 8002}));
        QCOMPARE(c["readinessProbe"]["httpGet"]["path"].as<std::string>(), std::string("/v2/health/ready"));
        QCOMPARE(c["readinessProbe"]["httpGet"]["port"].as<int>(), 8000);
        QCOMPARE(c["livenessProbe"]["httpGet"]["path"].as<std::string>(), std::string("/v2/health/live"));
        QCOMPARE(c["livenessProbe"]["httpGet"]["port"].as<int>(), 8000);
        QVERIFY(c["livenessProbe"]["initialDelaySeconds"].as<int>()
                >= c["readinessProbe"]["initialDelaySeconds"].as<int>());
        QCOMPARE(c["resources"]["requests"]["cpu"].as<std::string>(), std::string("500m"));
        QCOMPARE(c["resources"]["requests"]["memory"].as<std::string>(), std::string("3Gi"));
        QCOMPARE(c["volumeMounts"][0]["mountPath"].as<std::string>(), std::string("/models"));
        const std::string volume = c["volumeMounts"][0]["name"].as<std::string>();
        QCOMPARE(pod["volumes"][0]["name"].as<std::string>(), volume);
        QCOMPARE(pod["volumes"][0]["persistentVolumeClaim"]["claimName"].as<std::string>(), std::string("models.v1"));

        const YAML::Node service = docs[1]["spec"];
        QCOMPARE(service["type"].as<std::string>(), std::string("ClusterIP"));
        QCOMPARE(stringMap(service["selector"]), selector);
        QCOMPARE(portNumbers(service["ports"], "port"), (std::set<int>{8000, 8001, 8002}));
        QCOMPARE(portNumbers(service["ports"], "targetPort"), (std::set<int>{8000, 8001, 8002}));

        const YAML::Node hpa = docs[2]["spec"];
        QCOMPARE(hpa["scaleTargetRef"]["apiVersion"].as<std::string>(), std::string("apps/v1"));
        QCOMPARE(hpa["scaleTargetRef"]["kind"].as<std::string>(), std::string("Deployment"));
        QCOMPARE(hpa["scaleTargetRef"]["name"].as<std::string>(), name);
        QCOMPARE(hpa["minReplicas"].as<int>(), 2);
        QCOMPARE(hpa["maxReplicas"].as<int>(), 6);
        QCOMPARE(hpa["metrics"][0]["type"].as<std::string>(), std::string("Resource"));
        QCOMPARE(hpa["metrics"][0]["resource"]["name"].as<std::string>(), std::string("cpu"));
        QCOMPARE(hpa["metrics"][0]["resource"]["target"]["type"].as<std::string>(), std::string("Utilization"));
        QCOMPARE(hpa["metrics"][0]["resource"]["target"]["averageUtilization"].as<int>(), 65);
    }

    void kubernetesNames_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("expected");
        const char *const rows[][3] = {
            {"mixed", "My_Model.v2", "seekbench-my-model-v2"},
            {"plain", "model", "seekbench-model"},
            {"prefixed", "seekbench-lm", "seekbench-lm"},
            {"runs of separators", "a__b..c-", "seekbench-a-b-c"},
            {"nothing usable", "___", "seekbench-model"},
            {"hostile", "m\n---\nkind: Secret", "seekbench-m-kind-secret"},
        };
        for (const auto &r : rows)
            QTest::newRow(r[0]) << QString::fromUtf8(r[1]) << QString::fromUtf8(r[2]);
        const QString x52(52, QLatin1Char('x'));
        QTest::newRow("long") << QString(80, QLatin1Char('x')) << QStringLiteral("seekbench-") + x52 + QLatin1Char('x');
        QTest::newRow("long, cut at a dash") << x52 + QStringLiteral("_y") << QStringLiteral("seekbench-") + x52;
    }

    void kubernetesNames()
    {
        QFETCH(QString, model);
        QFETCH(QString, expected);
        const std::string name = kubernetesName(model.toStdString());
        QCOMPARE(QString::fromStdString(name), expected);
        QVERIFY(isDns1123Label(name));
    }

    void trainingJobOnFourPods()
    {
        const KubernetesSettings k = k8s();
        const std::string yaml = trainingJobYaml(k, "lm-sweep-3", 4, "/etc/seekbench/run.yaml");
        const std::vector<YAML::Node> docs = YAML::LoadAll(yaml);
        QCOMPARE(docs.size(), std::size_t(1));
        const YAML::Node job = docs[0];
        QCOMPARE(job["apiVersion"].as<std::string>(), std::string("kubeflow.org/v1"));
        QCOMPARE(job["kind"].as<std::string>(), std::string("PyTorchJob"));
        QCOMPARE(job["metadata"]["name"].as<std::string>(), std::string("lm-sweep-3"));
        QCOMPARE(job["metadata"]["namespace"].as<std::string>(), std::string("ml-serving"));
        const YAML::Node specs = job["spec"]["pytorchReplicaSpecs"];
        QCOMPARE(keys(specs), (std::set<std::string>{"Master", "Worker"}));
        QCOMPARE(specs["Master"]["replicas"].as<int>(), 1);
        QCOMPARE(specs["Worker"]["replicas"].as<int>(), 3);
        for (const char *type : {"Master", "Worker"}) {
            const YAML::Node pod = specs[type]["template"]["spec"];
            QCOMPARE(pod["containers"].size(), std::size_t(1));
            const YAML::Node c = pod["containers"][0];
            QCOMPARE(c["name"].as<std::string>(), std::string("pytorch"));
            QCOMPARE(c["image"].as<std::string>(), k.trainingImage);
            const std::vector<std::string> command = strings(c["command"]);
            QVERIFY(command.size() >= 4);
            QCOMPARE(command[0], std::string("seekbench-cli"));
            QCOMPARE(command[1], std::string("train"));
            const auto config = std::find(command.begin(), command.end(), "--config");
            QVERIFY(config != command.end() && config + 1 != command.end());
            QCOMPARE(*(config + 1), std::string("/etc/seekbench/run.yaml"));
            const auto out = std::find(command.begin(), command.end(), "--out");
            QVERIFY(out != command.end() && out + 1 != command.end());
            QCOMPARE(*(out + 1), std::string("/runs/lm-sweep-3"));
            QCOMPARE(c["volumeMounts"][0]["mountPath"].as<std::string>(), std::string("/runs"));
            QCOMPARE(pod["volumes"][0]["persistentVolumeClaim"]["claimName"].as<std::string>(), k.runsPvc);
        }
        // The rank variables come from the operator, and the file says so.
        QVERIFY(yaml.find("# The operator sets MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK") != std::string::npos);
    }

    void trainingJobOnOnePodHasNoWorkers()
    {
        const std::vector<YAML::Node> docs = YAML::LoadAll(trainingJobYaml(k8s(), "solo", 1, "run.yaml"));
        QCOMPARE(docs.size(), std::size_t(1));
        const YAML::Node specs = docs[0]["spec"]["pytorchReplicaSpecs"];
        QCOMPARE(keys(specs), (std::set<std::string>{"Master"}));
        QCOMPARE(specs["Master"]["replicas"].as<int>(), 1);
    }

    void trainingJobArgumentsAreNamed_data()
    {
        QTest::addColumn<QString>("job");
        QTest::addColumn<int>("workers");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("named");
        struct Row
        {
            const char *tag, *job;
            int workers;
            const char *config, *image, *named;
        };
        const Row rows[] = {
            {"uppercase job", "Job-1", 2, "c.yaml", "img", "job name"},
            {"underscore job", "job_1", 2, "c.yaml", "img", "job name"},
            {"empty job", "", 2, "c.yaml", "img", "job name"},
            {"no workers", "j", 0, "c.yaml", "img", "workers"},
            {"too many workers", "j", 5000, "c.yaml", "img", "workers"},
            {"no config", "j", 2, "", "img", "config path"},
            {"no image", "j", 2, "c.yaml", "", "training image"},
        };
        for (const Row &r : rows)
            QTest::newRow(r.tag) << QString::fromUtf8(r.job) << r.workers << QString::fromUtf8(r.config)
                                 << QString::fromUtf8(r.image) << QString::fromUtf8(r.named);
    }

    void trainingJobArgumentsAreNamed()
    {
        QFETCH(QString, job);
        QFETCH(int, workers);
        QFETCH(QString, config);
        QFETCH(QString, image);
        QFETCH(QString, named);
        KubernetesSettings k = k8s();
        k.trainingImage = image.toStdString();
        const QString message = thrownMessage(
            [&] { trainingJobYaml(k, job.toStdString(), workers, config.toStdString()); });
        QVERIFY2(message.contains(named), qPrintable(message));
    }

    void defaultsHaveNoProblems()
    {
        QVERIFY(kubernetesSettingsProblems(KubernetesSettings()).empty());
        QVERIFY(kubernetesSettingsProblems(k8s()).empty());
    }

    void problemsNameTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        const std::string longName(64, 'a');
        const char *const rows[][4] = {
            {"image with a newline", "image", "triton\n:24.08", "image"},
            {"image injecting a key", "image", "x\"\nkind: Secret", "image"},
            {"image with a space", "image", "triton 24.08", "image"},
            {"empty image", "image", "", "image"},
            {"training image", "trainingImage", "a b", "training image"},
            {"uppercase namespace", "namespace", "Prod", "namespace"},
            {"namespace with a dot", "namespace", "a.b", "namespace"},
            {"namespace too long", "namespace", longName.c_str(), "namespace"},
            {"min above max", "min", "5", "max replicas"},
            {"no min", "min", "0", "min replicas"},
            {"max below min", "max", "0", "max replicas"},
            {"replicas outside", "replicas", "9", "replicas"},
            {"percent 0", "percent", "0", "target CPU percent"},
            {"percent 101", "percent", "101", "target CPU percent"},
            {"pvc", "pvc", "Models PVC", "model repository PVC"},
            {"runs pvc", "runsPvc", "runs\n", "runs PVC"},
            {"cpu", "cpu", "lots", "cpu request"},
            {"memory", "memory", "2 GB", "memory request"},
        };
        for (const auto &r : rows)
            QTest::newRow(r[0]) << QString::fromUtf8(r[1]) << QString::fromUtf8(r[2]) << QString::fromUtf8(r[3]);
    }

    void problemsNameTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, named);
        KubernetesSettings k; // min 1, replicas 1, max 4
        const std::string v = value.toStdString(), f = field.toStdString();
        if (f == "image")
            k.image = v;
        else if (f == "trainingImage")
            k.trainingImage = v;
        else if (f == "namespace")
            k.namespaceName = v;
        else if (f == "min")
            k.minReplicas = value.toInt();
        else if (f == "max")
            k.maxReplicas = value.toInt();
        else if (f == "replicas")
            k.replicas = value.toInt();
        else if (f == "percent")
            k.targetCpuPercent = value.toInt();
        else if (f == "pvc")
            k.modelRepositoryPvc = v;
        else if (f == "runsPvc")
            k.runsPvc = v;
        else if (f == "cpu")
            k.cpuRequest = v;
        else if (f == "memory")
            k.memoryRequest = v;
        const std::vector<std::string> problems = kubernetesSettingsProblems(k);
        QVERIFY(!problems.empty());
        bool found = false;
        for (const std::string &p : problems)
            found = found || QString::fromStdString(p).contains(named);
        QVERIFY2(found, problems.front().c_str());
    }

    void hostileValuesStayValues()
    {
        // Unchecked on purpose: even values the checks refuse cannot reshape the YAML.
        const std::string evil = "x\"\nkind: Secret\n---\napiVersion: v1\nkind: Secret\n# '\\";
        KubernetesSettings k = k8s();
        k.image = "img:1" + evil;
        k.namespaceName = "ns" + evil;
        k.modelRepositoryPvc = "pvc" + evil;
        k.cpuRequest = "1\nprivileged: true";
        k.trainingImage = "train" + evil;
        const std::vector<YAML::Node> docs = YAML::LoadAll(servingManifestsYaml(serving("m" + evil), k));
        QCOMPARE(docs.size(), std::size_t(3));
        const std::set<std::string> top = {"apiVersion", "kind", "metadata", "spec"};
        const std::vector<std::string> kinds = {"Deployment", "Service", "HorizontalPodAutoscaler"};
        for (std::size_t i = 0; i < docs.size(); ++i) {
            QCOMPARE(keys(docs[i]), top);
            QCOMPARE(docs[i]["kind"].as<std::string>(), kinds[i]);
            QCOMPARE(keys(docs[i]["metadata"]), (std::set<std::string>{"name", "namespace", "labels"}));
            QCOMPARE(docs[i]["metadata"]["namespace"].as<std::string>(), k.namespaceName);
            QVERIFY(isDns1123Label(docs[i]["metadata"]["name"].as<std::string>()));
        }
        const YAML::Node pod = docs[0]["spec"]["template"]["spec"];
        QCOMPARE(keys(pod), (std::set<std::string>{"containers", "volumes"}));
        const YAML::Node c = pod["containers"][0];
        QCOMPARE(keys(c), (std::set<std::string>{"name", "image", "command", "ports", "readinessProbe", "livenessProbe",
                                                 "resources", "volumeMounts"}));
        QCOMPARE(c["image"].as<std::string>(), k.image);
        QCOMPARE(keys(c["resources"]["requests"]), (std::set<std::string>{"cpu", "memory"}));
        QCOMPARE(c["resources"]["requests"]["cpu"].as<std::string>(), k.cpuRequest);
        QCOMPARE(pod["volumes"][0]["persistentVolumeClaim"]["claimName"].as<std::string>(), k.modelRepositoryPvc);
        QCOMPARE(docs[0]["spec"]["template"]["metadata"]["annotations"]["seekbench.io/model-name"].as<std::string>(),
                 "m" + evil);

        const std::string config = "/c.yaml\"]\n- --evil\n---\nkind: Secret";
        const std::vector<YAML::Node> job = YAML::LoadAll(trainingJobYaml(k, "j", 2, config));
        QCOMPARE(job.size(), std::size_t(1));
        QCOMPARE(keys(job[0]), top);
        const YAML::Node tc = job[0]["spec"]["pytorchReplicaSpecs"]["Worker"]["template"]["spec"]["containers"][0];
        QCOMPARE(tc["image"].as<std::string>(), k.trainingImage);
        QCOMPARE(strings(tc["command"]),
                 (std::vector<std::string>{"seekbench-cli", "train", "--config", config, "--out", "/runs/j"}));
        QCOMPARE(job[0]["metadata"]["namespace"].as<std::string>(), k.namespaceName);
    }
};

QTEST_GUILESS_MAIN(TestK8sManifests)
#include "test_k8s_manifests.moc"
