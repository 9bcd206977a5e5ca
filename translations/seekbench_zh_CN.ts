<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AmlCaseLabels</name>
    <message>
        <source>en</source>
        <extracomment>The report's language code: zh_CN in the Chinese translation (it picks the PDF's fonts).</extracomment>
        <translation>zh_CN</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Case report: alert #%1</source>
        <translation>案件报告：警报 #%1</translation>
    </message>
    <message>
        <source>Case report: account %1</source>
        <translation>案件报告：账户 %1</translation>
    </message>
    <message>
        <source>Project %1; run %2</source>
        <translation>项目 %1；运行 %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Case overview</source>
        <translation>案件概览</translation>
    </message>
    <message>
        <source>Alert and reasons</source>
        <translation>警报及原因</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Alerts on this account</source>
        <translation>该账户的警报</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Traced fund chains</source>
        <translation>追踪到的资金链</translation>
    </message>
    <message>
        <source>Analyst's notes</source>
        <translation>分析员备注</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>来源与复现</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>警报</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Transactions shown</source>
        <translation>显示的交易数</translation>
    </message>
    <message>
        <source>Traced chains</source>
        <translation>追踪到的资金链数</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No alert: the report covers the account's activity.</source>
        <translation>无警报：本报告涵盖该账户的交易活动。</translation>
    </message>
    <message>
        <source>The alert records no reasons.</source>
        <translation>该警报未记录原因。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>business</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>personal</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>laundering</source>
        <translation>洗钱</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Account risk (graph model)</source>
        <translation>账户风险（图模型）</translation>
    </message>
    <message>
        <source>No alert was raised on this account.</source>
        <translation>该账户未触发任何警报。</translation>
    </message>
    <message>
        <source>Transactions over time</source>
        <translation>交易随时间分布</translation>
    </message>
    <message>
        <source>Days since %1</source>
        <translation>自 %1 起的天数</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>The alerted transaction</source>
        <translation>触发警报的交易</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Red: the alerted transaction, and transactions labelled laundering.</source>
        <translation>红色：触发警报的交易，以及标记为洗钱的交易。</translation>
    </message>
    <message>
        <source>The account has no transactions.</source>
        <translation>该账户没有交易。</translation>
    </message>
    <message>
        <source>Chains: %1 (at most %2 hops, at most %3 h between hops, each amount within %4 % of the previous); traced in %5 ms.</source>
        <translation>资金链：%1 条（最多 %2 跳，相邻两跳间隔不超过 %3 小时，每笔金额与上一笔相差不超过 %4 %）；追踪耗时 %5 毫秒。</translation>
    </message>
    <message>
        <source>Truncated at the frontier cap: more chains may exist.</source>
        <translation>已在前沿上限处截断：可能还有更多资金链。</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>环路</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>资金链</translation>
    </message>
    <message>
        <source>→ %1 (%2, +%3 h, %4 %)</source>
        <translation>→ %1（%2，+%3 小时，%4 %）</translation>
    </message>
    <message>
        <source>No chain was traced.</source>
        <translation>未追踪到资金链。</translation>
    </message>
    <message>
        <source>Seekbench</source>
        <translation>Seekbench</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>none (a build without the desktop programs)</source>
        <translation>无（未包含桌面程序的构建）</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Generated on</source>
        <translation>生成于</translation>
    </message>
</context>
<context>
    <name>AmlReportWriter</name>
    <message>
        <source>No file chosen for the report.</source>
        <translation>未选择报告文件。</translation>
    </message>
    <message>
        <source>The report %1 must end in .%2.</source>
        <translation>报告 %1 的扩展名必须是 .%2。</translation>
    </message>
    <message>
        <source>Cannot write the report %1: the folder %2 does not exist.</source>
        <translation>无法写入报告 %1：文件夹 %2 不存在。</translation>
    </message>
    <message>
        <source>Cannot write the report %1: permission denied.</source>
        <translation>无法写入报告 %1：没有权限。</translation>
    </message>
    <message>
        <source>Cannot write the report: %1</source>
        <translation>无法写入报告：%1</translation>
    </message>
</context>
<context>
    <name>AmlText</name>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>graph</source>
        <translation>图</translation>
    </message>
    <message>
        <source>Reviewing</source>
        <translation>审查中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Large amount</source>
        <translation>大额交易</translation>
    </message>
    <message>
        <source>Unusual hour</source>
        <translation>非常规时段</translation>
    </message>
    <message>
        <source>Wire transfer</source>
        <translation>电汇</translation>
    </message>
    <message>
        <source>ACH transfer</source>
        <translation>ACH 转账</translation>
    </message>
    <message>
        <source>Card payment</source>
        <translation>银行卡支付</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Crypto</source>
        <translation>加密货币</translation>
    </message>
    <message>
        <source>Cross-border</source>
        <translation>跨境</translation>
    </message>
    <message>
        <source>Round amount</source>
        <translation>整数金额</translation>
    </message>
    <message>
        <source>Sender pays many accounts</source>
        <translation>付款方向众多账户付款</translation>
    </message>
    <message>
        <source>Sender is paid by many accounts</source>
        <translation>付款方收到众多账户的款项</translation>
    </message>
    <message>
        <source>Receiver pays many accounts</source>
        <translation>收款方向众多账户付款</translation>
    </message>
    <message>
        <source>Receiver is paid by many accounts</source>
        <translation>收款方收到众多账户的款项</translation>
    </message>
    <message>
        <source>Sender passes money through</source>
        <translation>付款方资金快进快出</translation>
    </message>
    <message>
        <source>Receiver passes money through</source>
        <translation>收款方资金快进快出</translation>
    </message>
    <message>
        <source>Many transfers sent in 24 h</source>
        <translation>24 小时内转出次数多</translation>
    </message>
    <message>
        <source>Many transfers sent in 7 days</source>
        <translation>7 天内转出次数多</translation>
    </message>
    <message>
        <source>Receiver got many transfers in 24 h</source>
        <translation>收款方 24 小时内收款次数多</translation>
    </message>
    <message>
        <source>Money sent on soon after it arrived</source>
        <translation>资金到账后很快转出</translation>
    </message>
    <message>
        <source>Time since money arrived</source>
        <translation>距资金到账的时间</translation>
    </message>
    <message>
        <source>Amount unusual for the sender</source>
        <translation>金额与付款方惯常不符</translation>
    </message>
    <message>
        <source>Part of a cycle of transfers</source>
        <translation>处于循环转账链中</translation>
    </message>
    <message>
        <source>New sender account</source>
        <translation>新开付款账户</translation>
    </message>
    <message>
        <source>New receiver account</source>
        <translation>新开收款账户</translation>
    </message>
    <message>
        <source>Sender paid many accounts in 7 days</source>
        <translation>付款方 7 天内向众多账户付款</translation>
    </message>
    <message>
        <source>Receiver was paid by many accounts in 7 days</source>
        <translation>收款方 7 天内收到众多账户的款项</translation>
    </message>
    <message>
        <source>Sender's activity</source>
        <translation>付款方活跃度</translation>
    </message>
    <message>
        <source>Risky counterparty</source>
        <translation>高风险交易对手</translation>
    </message>
</context>
<context>
    <name>ConfigEditor</name>
    <message>
        <source>Change %1</source>
        <translation>修改 %1</translation>
    </message>
</context>
<context>
    <name>ConfigSchema</name>
    <message>
        <source>Name of the run, shown in the runs table.</source>
        <translation>运行的名称，显示在运行表中。</translation>
    </message>
    <message>
        <source>Width of the residual stream.</source>
        <translation>残差流的宽度。</translation>
    </message>
    <message>
        <source>Query heads per attention layer.</source>
        <translation>每个注意力层的查询头数。</translation>
    </message>
    <message>
        <source>Key/value heads (grouped-query attention); must divide the query heads.</source>
        <translation>键/值头数（分组查询注意力）；必须能整除查询头数。</translation>
    </message>
    <message>
        <source>Hidden width of the dense SwiGLU MLP.</source>
        <translation>稠密 SwiGLU MLP 的隐藏宽度。</translation>
    </message>
    <message>
        <source>Number of transformer blocks.</source>
        <translation>Transformer 块的数量。</translation>
    </message>
    <message>
        <source>Token vocabulary size.</source>
        <translation>词表大小。</translation>
    </message>
    <message>
        <source>Longest sequence the rotary embedding table covers.</source>
        <translation>旋转位置编码表覆盖的最长序列。</translation>
    </message>
    <message>
        <source>Epsilon of RMSNorm.</source>
        <translation>RMSNorm 的 epsilon。</translation>
    </message>
    <message>
        <source>Base of the rotary position embedding.</source>
        <translation>旋转位置编码的基数。</translation>
    </message>
    <message>
        <source>Dropout on the attention weights during training.</source>
        <translation>训练时注意力权重上的 dropout。</translation>
    </message>
    <message>
        <source>Activation of the gated MLP.</source>
        <translation>门控 MLP 的激活函数。</translation>
    </message>
    <message>
        <source>Bias terms on the q/k/v/o projections.</source>
        <translation>q/k/v/o 投影上的偏置项。</translation>
    </message>
    <message>
        <source>Share the input embedding with the language-model head (causal_lm head only).</source>
        <translation>输入嵌入与语言模型头共享权重（仅限 causal_lm 头）。</translation>
    </message>
    <message>
        <source>Routed experts per MoE layer; 0 makes a dense model.</source>
        <translation>每个 MoE 层的路由专家数；0 表示稠密模型。</translation>
    </message>
    <message>
        <source>Shared experts every token passes through.</source>
        <translation>每个 token 都会经过的共享专家数。</translation>
    </message>
    <message>
        <source>Routed experts chosen per token (top-k).</source>
        <translation>每个 token 选择的路由专家数（top-k）。</translation>
    </message>
    <message>
        <source>Hidden width of each expert.</source>
        <translation>每个专家的隐藏宽度。</translation>
    </message>
    <message>
        <source>The first k layers keep a dense MLP.</source>
        <translation>前 k 层保留稠密 MLP。</translation>
    </message>
    <message>
        <source>Every n-th layer (after the dense ones) is a MoE layer.</source>
        <translation>（稠密层之后）每隔 n 层为一个 MoE 层。</translation>
    </message>
    <message>
        <source>Renormalise the top-k routing weights to sum to one.</source>
        <translation>将 top-k 路由权重重新归一化，使其和为 1。</translation>
    </message>
    <message>
        <source>Router scoring function.</source>
        <translation>路由器的打分函数。</translation>
    </message>
    <message>
        <source>Weight of the load-balancing auxiliary loss.</source>
        <translation>负载均衡辅助损失的权重。</translation>
    </message>
    <message>
        <source>Task head on top of the transformer.</source>
        <translation>Transformer 之上的任务头。</translation>
    </message>
    <message>
        <source>Outputs of the head (classes; 1 for scalar regression).</source>
        <translation>任务头的输出数（类别数；标量回归为 1）。</translation>
    </message>
    <message>
        <source>How a sequence head pools the tokens.</source>
        <translation>序列任务头如何汇聚各个 token。</translation>
    </message>
    <message>
        <source>Causal (decoder) attention mask.</source>
        <translation>因果（解码器）注意力掩码。</translation>
    </message>
    <message>
        <source>Dataset.</source>
        <translation>数据集。</translation>
    </message>
    <message>
        <source>Classes of the synthetic task.</source>
        <translation>合成任务的类别数。</translation>
    </message>
    <message>
        <source>Training samples.</source>
        <translation>训练样本数。</translation>
    </message>
    <message>
        <source>Evaluation samples.</source>
        <translation>评估样本数。</translation>
    </message>
    <message>
        <source>Tokens per sample.</source>
        <translation>每个样本的 token 数。</translation>
    </message>
    <message>
        <source>0 easy .. 1 hard: noise, distractors and label noise.</source>
        <translation>0 简单 .. 1 困难：噪声、干扰项和标签噪声。</translation>
    </message>
    <message>
        <source>Seed of the data generator.</source>
        <translation>数据生成器的随机种子。</translation>
    </message>
    <message>
        <source>Optimizer.</source>
        <translation>优化器。</translation>
    </message>
    <message>
        <source>Peak learning rate.</source>
        <translation>峰值学习率。</translation>
    </message>
    <message>
        <source>The schedule decays to lr times this.</source>
        <translation>学习率调度最终衰减到 lr 乘以此值。</translation>
    </message>
    <message>
        <source>Decoupled weight decay (AdamW) or L2 (SGD).</source>
        <translation>解耦权重衰减（AdamW）或 L2（SGD）。</translation>
    </message>
    <message>
        <source>AdamW beta1.</source>
        <translation>AdamW 的 beta1。</translation>
    </message>
    <message>
        <source>AdamW beta2.</source>
        <translation>AdamW 的 beta2。</translation>
    </message>
    <message>
        <source>AdamW epsilon.</source>
        <translation>AdamW 的 epsilon。</translation>
    </message>
    <message>
        <source>SGD momentum.</source>
        <translation>SGD 动量。</translation>
    </message>
    <message>
        <source>Learning-rate schedule after warmup.</source>
        <translation>预热之后的学习率调度。</translation>
    </message>
    <message>
        <source>Linear warmup steps.</source>
        <translation>线性预热步数。</translation>
    </message>
    <message>
        <source>Optimizer steps of the run.</source>
        <translation>本次运行的优化器步数。</translation>
    </message>
    <message>
        <source>Samples per micro-batch.</source>
        <translation>每个微批次的样本数。</translation>
    </message>
    <message>
        <source>Micro-batches per optimizer step.</source>
        <translation>每个优化器步的微批次数。</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this; 0 disables.</source>
        <translation>将全局梯度范数裁剪到此值；0 表示不裁剪。</translation>
    </message>
    <message>
        <source>Evaluate every n steps; 0 only at the end.</source>
        <translation>每 n 步评估一次；0 表示仅在结束时评估。</translation>
    </message>
    <message>
        <source>Batches per evaluation; 0 for the whole split.</source>
        <translation>每次评估的批次数；0 表示整个评估集。</translation>
    </message>
    <message>
        <source>Stop after this many evaluations without improvement; 0 disables.</source>
        <translation>连续这么多次评估没有改进则停止；0 表示不启用。</translation>
    </message>
    <message>
        <source>Metric that early stopping and the best checkpoint follow.</source>
        <translation>早停和最佳检查点所依据的指标。</translation>
    </message>
    <message>
        <source>Checkpoint every n steps; 0 only at the end.</source>
        <translation>每 n 步保存一次检查点；0 表示仅在结束时保存。</translation>
    </message>
    <message>
        <source>Checkpoints kept besides the best.</source>
        <translation>除最佳检查点外保留的检查点数。</translation>
    </message>
    <message>
        <source>Also keep the checkpoint with the best eval metric.</source>
        <translation>同时保留评估指标最佳的检查点。</translation>
    </message>
    <message>
        <source>A non-finite loss or gradient norm stops the run, or skips the step.</source>
        <translation>损失或梯度范数出现非有限值时停止运行，或跳过该步。</translation>
    </message>
    <message>
        <source>Intra-op threads; 0 uses the cores given to the process.</source>
        <translation>算子内线程数；0 表示使用分配给进程的全部核心。</translation>
    </message>
    <message>
        <source>Device to train on.</source>
        <translation>训练所用的设备。</translation>
    </message>
    <message>
        <source>Record step metrics every n steps.</source>
        <translation>每 n 步记录一次步指标。</translation>
    </message>
    <message>
        <source>System samples per second (memory, CPU, GPU).</source>
        <translation>每秒系统采样次数（内存、CPU、GPU）。</translation>
    </message>
    <message>
        <source>Seed of initialisation, shuffling and dropout.</source>
        <translation>初始化、打乱和 dropout 的随机种子。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Mixture of experts</source>
        <translation>混合专家</translation>
    </message>
    <message>
        <source>Task head</source>
        <translation>任务头</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Distributed</source>
        <translation>分布式</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>ZeRO stage over data-parallel ranks: 0 off, 1 shards the optimizer state.</source>
        <translation>数据并行进程间的 ZeRO 阶段：0 关闭，1 将优化器状态分片。</translation>
    </message>
    <message>
        <source>Message passing runs within time windows of this many days.</source>
        <translation>消息传递在以此天数为长度的时间窗口内进行。</translation>
    </message>
    <message>
        <source>Rounds of message passing over the transaction graph per window.</source>
        <translation>每个窗口内在交易图上进行消息传递的轮数。</translation>
    </message>
    <message>
        <source>Recent transactions of the sender the DeepSeek blocks read for each score.</source>
        <translation>每次评分时 DeepSeek 模块读取的付款方近期交易笔数。</translation>
    </message>
    <message>
        <source>Loss weight of laundering transactions; 0 uses sqrt(normal/laundering).</source>
        <translation>洗钱交易的损失权重；0 表示使用 sqrt(正常/洗钱)。</translation>
    </message>
    <message>
        <source>Alerts the analysts can work a day (threshold tuning).</source>
        <translation>分析员每天可处理的告警数（用于阈值调优）。</translation>
    </message>
    <message>
        <source>Cost of a missed laundering transaction (threshold tuning).</source>
        <translation>漏报一笔洗钱交易的成本（用于阈值调优）。</translation>
    </message>
    <message>
        <source>Cost of working a false alert (threshold tuning).</source>
        <translation>处理一条误报告警的成本（用于阈值调优）。</translation>
    </message>
    <message>
        <source>Boosting rounds of the XGBoost baseline.</source>
        <translation>XGBoost 基线的提升轮数。</translation>
    </message>
    <message>
        <source>Tree depth of the XGBoost baseline.</source>
        <translation>XGBoost 基线的树深度。</translation>
    </message>
    <message>
        <source>Image-text model with cross attention, or the image-only ViT baseline.</source>
        <translation>带交叉注意力的图文模型，或仅图像的 ViT 基线。</translation>
    </message>
    <message>
        <source>Folder with the gzipped Fashion-MNIST IDX files.</source>
        <translation>存放 gzip 压缩的 Fashion-MNIST IDX 文件的文件夹。</translation>
    </message>
    <message>
        <source>Side of the square image patches (must divide 28).</source>
        <translation>方形图像块的边长（须能整除 28）。</translation>
    </message>
    <message>
        <source>Transformer blocks of the patch encoder.</source>
        <translation>图像块编码器的 Transformer 层数。</translation>
    </message>
    <message>
        <source>Transformer blocks of the caption encoder.</source>
        <translation>描述文本编码器的 Transformer 层数。</translation>
    </message>
    <message>
        <source>Cross-attention layers, each text-to-image and image-to-text.</source>
        <translation>交叉注意力层数，每层含文本到图像和图像到文本两个方向。</translation>
    </message>
    <message>
        <source>Wrong captions scored beside the right one per image.</source>
        <translation>每张图像除正确描述外参与打分的错误描述数。</translation>
    </message>
    <message>
        <source>Share of negatives that name a similar class.</source>
        <translation>负样本中指向相似类别的比例。</translation>
    </message>
    <message>
        <source>Share of training captions reduced to the class-only template.</source>
        <translation>训练描述中简化为仅含类别模板的比例。</translation>
    </message>
    <message>
        <source>One negative keeps the class and changes an attribute.</source>
        <translation>保留一个类别相同、仅改变属性的负样本。</translation>
    </message>
    <message>
        <source>Cross-modal (image and text)</source>
        <translation>跨模态（图像与文本）</translation>
    </message>
    <message>
        <source>Anti-money laundering</source>
        <translation>反洗钱</translation>
    </message>
    <message>
        <source>Weight of the loss that scores each training image against the ten class templates.</source>
        <translation>将每张训练图像与十个类别模板逐一打分的损失项权重。</translation>
    </message>
    <message>
        <source>Share of each batch's images scored against the ten class templates.</source>
        <translation>每个批次中与十个类别模板逐一打分的图像所占比例。</translation>
    </message>
    <message>
        <source>Training images are moved by up to this many pixels at random (0 = off).</source>
        <translation>训练图像随机平移的最大像素数（0 表示关闭）。</translation>
    </message>
    <message>
        <source>Half of the training images are mirrored left to right at random; their captions describe the mirrored image.</source>
        <translation>随机将一半训练图像左右镜像；其描述按镜像后的图像生成。</translation>
    </message>
    <message>
        <source>Channels of a convolutional stem whose features, max-pooled within each patch, are added to the patch embedding (0 = off).</source>
        <translation>卷积主干的通道数：其特征在每个图块内做最大池化后加到图块嵌入上（0 表示关闭）。</translation>
    </message>
    <message>
        <source>False-positive rate at which recall is reported (0.021: the article's 2.1 %).</source>
        <translation>报告召回率时所用的误报率（0.021：即文章中的 2.1 %）。</translation>
    </message>
    <message>
        <source>An alert is high severity when the precision at its score reaches this.</source>
        <translation>告警分数处的精确率达到此值时，告警为高严重度。</translation>
    </message>
    <message>
        <source>An alert is medium severity when the precision at its score reaches this (and low below it).</source>
        <translation>告警分数处的精确率达到此值时，告警为中严重度（低于此值为低严重度）。</translation>
    </message>
    <message>
        <source>Fashion-MNIST: training images held out for evaluation, early stopping and keep-best.</source>
        <translation>Fashion-MNIST：从训练图像中留出的验证图像，用于训练期间的评估、早停和保留最佳检查点。</translation>
    </message>
    <message>
        <source>Collectives of several ranks: auto (NCCL on CUDA when the build has it, else Gloo), gloo or nccl.</source>
        <translation>多进程间的集合通信：auto（构建支持时在 CUDA 上用 NCCL，否则用 Gloo）、gloo 或 nccl。</translation>
    </message>
    <message>
        <source>Months before the test months on which the threshold, operating points and early stopping are tuned.</source>
        <translation>测试月份之前的若干个月：在这些月份上调整阈值、工作点和早停。</translation>
    </message>
    <message>
        <source>The last months of transactions: the reported figures, never tuned on.</source>
        <translation>最后几个月的交易：报告的指标取自这里，从不在其上调参。</translation>
    </message>
    <message>
        <source>Weight of an auxiliary ten-class head on the image features (0 leaves it out; crossmodal.decision says whether it helps decide the class).</source>
        <translation>图像特征上辅助十分类头的损失权重（0 表示不使用；是否参与判定类别由 crossmodal.decision 决定）。</translation>
    </message>
    <message>
        <source>How an image's class is decided: by the ten class templates, or by the templates and the auxiliary head together (their log-probabilities added).</source>
        <translation>图像类别的判定方式：按十个类别模板打分，或由模板与辅助分类头共同判定（两者的对数概率相加）。</translation>
    </message>
    <message>
        <source>Compute precision (autocast); auto measures fp32 against bf16 on the machine that trains and takes the faster.</source>
        <translation>计算精度（autocast）；auto 会在训练所在的机器上比较 fp32 与 bf16 的速度，并选用更快的一种。</translation>
    </message>
    <message>
        <source>fp16 only: the loss scale of the first step; a step whose gradients overflow is skipped and halves it.</source>
        <translation>仅 fp16：第一步的损失缩放系数；梯度溢出的步会被跳过，并使其减半。</translation>
    </message>
    <message>
        <source>fp16 only: steps without overflow after which the loss scale doubles.</source>
        <translation>仅 fp16：连续多少步无溢出后损失缩放系数加倍。</translation>
    </message>
    <message>
        <source>Time a window step covers, in the fleet's unit (0: an hour, or a cycle for C-MAPSS).</source>
        <translation>一个窗口步长覆盖的时间，以机群的时间单位计（0：一小时，C-MAPSS 为一个周期）。</translation>
    </message>
    <message>
        <source>Steps a window reads (0: 24, or 30 for C-MAPSS).</source>
        <translation>一个窗口读取的步数（0：24，C-MAPSS 为 30）。</translation>
    </message>
    <message>
        <source>A window every this many steps.</source>
        <translation>每隔这么多步取一个窗口。</translation>
    </message>
    <message>
        <source>A window is positive when a failure follows within this time (0: 3 days, or 30 cycles).</source>
        <translation>若在此时间内发生故障，则窗口为正例（0：3 天，C-MAPSS 为 30 个周期）。</translation>
    </message>
    <message>
        <source>Each machine's readings are normalised against its own first period of this length (0: none; -1: a day, none for C-MAPSS).</source>
        <translation>每台设备的读数按其自身最初这段时间的基线归一化（0：不归一化；-1：一天，C-MAPSS 不归一化）。</translation>
    </message>
    <message>
        <source>Remaining useful life above this is learnt and reported as this (0: 30 days, or 125 cycles).</source>
        <translation>剩余使用寿命超过此值时按此值学习和报告（0：30 天，C-MAPSS 为 125 个周期）。</translation>
    </message>
    <message>
        <source>Share of the machines held out for validation: thresholds and early stopping are tuned on them.</source>
        <translation>留作验证的设备比例：阈值和早停在这些设备上调整。</translation>
    </message>
    <message>
        <source>Share of the machines held out for the test, in the last quarter of the period: reported once.</source>
        <translation>留作测试的设备比例，取时间段的最后四分之一：只报告一次。</translation>
    </message>
    <message>
        <source>Stacked LSTM layers of the sensor model.</source>
        <translation>传感器模型堆叠的 LSTM 层数。</translation>
    </message>
    <message>
        <source>Per-sensor and temporal attention; off gives the plain LSTM baseline.</source>
        <translation>逐传感器注意力和时间注意力；关闭即为普通 LSTM 基线。</translation>
    </message>
    <message>
        <source>Weight of the remaining-useful-life loss beside the failure losses.</source>
        <translation>剩余使用寿命损失相对于故障损失的权重。</translation>
    </message>
    <message>
        <source>Loss weight of windows before a failure; 0 uses sqrt(negatives/positives) per failure mode.</source>
        <translation>故障前窗口在损失中的权重；0 表示每种故障模式使用 sqrt(负例/正例)。</translation>
    </message>
    <message>
        <source>An alert counts when it comes at least this long before the failure (0: a day, or 5 cycles).</source>
        <translation>告警至少提前这么久于故障发生才计入（0：一天，C-MAPSS 为 5 个周期）。</translation>
    </message>
    <message>
        <source>Boosting rounds of the XGBoost model beside it.</source>
        <translation>旁边的 XGBoost 模型的提升轮数。</translation>
    </message>
    <message>
        <source>Predictive maintenance</source>
        <translation>预测性维护</translation>
    </message>
    <message>
        <source>The project's fleet the windows are cut from (seekbench-cli pdm fleets lists them).</source>
        <translation>从中切分窗口的项目机群（seekbench-cli pdm fleets 会列出它们）。</translation>
    </message>
    <message>
        <source>The project's annotated corpus the model trains on (seekbench-cli kg corpora lists them).</source>
        <translation>模型训练所用的项目标注语料（seekbench-cli kg corpora 会列出它们）。</translation>
    </message>
    <message>
        <source>Hashed buckets of the word embedding's character n-grams; unseen and misspelt words share their n-grams with known ones.</source>
        <translation>词嵌入中字符 n-gram 的哈希桶数；未见过的词和拼写错误的词与已知词共享其 n-gram。</translation>
    </message>
    <message>
        <source>Weight of the relation loss beside the entity loss.</source>
        <translation>关系损失相对于实体损失的权重。</translation>
    </message>
    <message>
        <source>Loss weight of entity pairs with no relation, against 1 for related pairs.</source>
        <translation>无关系实体对的损失权重（有关系的实体对为 1）。</translation>
    </message>
    <message>
        <source>Entity pairs of a sentence the relation head trains on, at most (all related pairs first).</source>
        <translation>关系头在每个句子上训练的实体对数上限（优先保留所有有关系的实体对）。</translation>
    </message>
    <message>
        <source>Medical knowledge graph</source>
        <translation>医学知识图谱</translation>
    </message>
</context>
<context>
    <name>IssueText</name>
    <message>
        <source>YAML syntax error at line %1, column %2: %3</source>
        <translation>YAML 语法错误，第 %1 行第 %2 列：%3</translation>
    </message>
    <message>
        <source>JSON syntax error at byte %1: %2</source>
        <translation>JSON 语法错误，位于第 %1 字节：%2</translation>
    </message>
    <message>
        <source>the head dimension %1 is odd; rotary embeddings need an even head dimension</source>
        <translation>注意力头维度 %1 为奇数；旋转位置编码需要偶数的头维度</translation>
    </message>
    <message>
        <source>%1 does not match %2 (expected %3)</source>
        <translation>%1 与 %2 不一致（应为 %3）</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>unknown key</source>
        <translation>未知的键</translation>
    </message>
    <message>
        <source>duplicate key (line %1)</source>
        <translation>重复的键（第 %1 行）</translation>
    </message>
    <message>
        <source>expected %1, got %2</source>
        <translation>应为 %1，实际为 %2</translation>
    </message>
    <message>
        <source>%1 is out of range [%2, %3]</source>
        <translation>%1 超出范围 [%2, %3]</translation>
    </message>
    <message>
        <source>%1 is not divisible by %2 (%3)</source>
        <translation>%1 不能被 %2（%3）整除</translation>
    </message>
    <message>
        <source>%1 exceeds %2 (%3)</source>
        <translation>%1 超过了 %2（%3）</translation>
    </message>
    <message>
        <source>%1 is not one of: %2</source>
        <translation>%1 不是以下取值之一：%2</translation>
    </message>
    <message>
        <source>fp16 is not available: %1</source>
        <translation>fp16 不可用：%1</translation>
    </message>
    <message>
        <source>CUDA is not available on this machine</source>
        <translation>本机没有可用的 CUDA</translation>
    </message>
    <message>
        <source>this Hugging Face key changes the architecture and is not supported</source>
        <translation>此 Hugging Face 键会改变模型结构，暂不支持</translation>
    </message>
    <message>
        <source>problem %1</source>
        <translation>问题 %1</translation>
    </message>
    <message>
        <source>this key no longer exists; it was replaced by %1</source>
        <translation>此键已不存在，已由 %1 取代</translation>
    </message>
    <message>
        <source>NCCL is not available: %1</source>
        <translation>NCCL 不可用：%1</translation>
    </message>
    <message>
        <source>the range [%1, %2] leaves the key's own range [%3, %4]</source>
        <translation>范围 [%1, %2] 超出了该键自身的范围 [%3, %4]</translation>
    </message>
    <message>
        <source>the low end %1 is not below the high end %2</source>
        <translation>下限 %1 不小于上限 %2</translation>
    </message>
    <message>
        <source>a log scale needs a low end above 0 (got %1)</source>
        <translation>对数刻度要求下限大于 0（当前为 %1）</translation>
    </message>
    <message>
        <source>the step %1 must be a positive whole number</source>
        <translation>步长 %1 必须是正整数</translation>
    </message>
    <message>
        <source>the grid point %1 is outside [%2, %3]</source>
        <translation>网格点 %1 不在 [%2, %3] 之内</translation>
    </message>
    <message>
        <source>no choices</source>
        <translation>没有可选值</translation>
    </message>
    <message>
        <source>%1 is listed twice</source>
        <translation>%1 重复列出</translation>
    </message>
    <message>
        <source>%1 is not a value of this key: %2</source>
        <translation>%1 不是该键的取值：%2</translation>
    </message>
    <message>
        <source>no parameter is tuned</source>
        <translation>没有选择要调优的参数</translation>
    </message>
</context>
<context>
    <name>KgText</name>
    <message>
        <source>Disease</source>
        <translation>疾病</translation>
    </message>
    <message>
        <source>Symptom</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Gene</source>
        <translation>基因</translation>
    </message>
    <message>
        <source>Drug</source>
        <translation>药物</translation>
    </message>
    <message>
        <source>Lab test</source>
        <translation>检验项目</translation>
    </message>
    <message>
        <source>No relation</source>
        <translation>无关系</translation>
    </message>
    <message>
        <source>Has symptom</source>
        <translation>有症状</translation>
    </message>
    <message>
        <source>Caused by</source>
        <translation>致病基因</translation>
    </message>
    <message>
        <source>Treats</source>
        <translation>治疗</translation>
    </message>
    <message>
        <source>Contraindicated for</source>
        <translation>禁用于</translation>
    </message>
    <message>
        <source>Diagnosed by</source>
        <translation>诊断依据</translation>
    </message>
    <message>
        <source>support %1, %2 against</source>
        <translation>支持 %1，反对 %2</translation>
    </message>
    <message>
        <source>support %1</source>
        <translation>支持 %1</translation>
    </message>
    <message>
        <source>new candidate: not in the ontology</source>
        <translation>新候选：不在本体中</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>%1 — %2 → %3</source>
        <translation>%1 — %2 → %3</translation>
    </message>
</context>
<context>
    <name>PdmCaseLabels</name>
    <message>
        <source>en</source>
        <extracomment>The report's language code: zh_CN in the Chinese translation (it picks the PDF's fonts).</extracomment>
        <translation>zh_CN</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Maintenance case: alert #%1 on %2</source>
        <translation>维护案例：%2 上的告警 #%1</translation>
    </message>
    <message>
        <source>Maintenance case: machine %1</source>
        <translation>维护案例：设备 %1</translation>
    </message>
    <message>
        <source>Project %1; run %2</source>
        <translation>项目 %1；运行 %2</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Case overview</source>
        <translation>案例概览</translation>
    </message>
    <message>
        <source>The alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Why the model alerted</source>
        <translation>模型告警的原因</translation>
    </message>
    <message>
        <source>The machine's health now</source>
        <translation>设备当前健康状况</translation>
    </message>
    <message>
        <source>Scores and readings</source>
        <translation>评分与读数</translation>
    </message>
    <message>
        <source>Maintenance log and failures</source>
        <translation>维护记录与故障</translation>
    </message>
    <message>
        <source>The machine's other alerts</source>
        <translation>该设备的其他告警</translation>
    </message>
    <message>
        <source>The machine's alerts</source>
        <translation>该设备的告警</translation>
    </message>
    <message>
        <source>Recommended action</source>
        <translation>建议措施</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>UTC date and time</source>
        <translation>UTC 日期和时间</translation>
    </message>
    <message>
        <source>cycles</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>cycle %1</source>
        <translation>第 %1 周期</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 cycles</source>
        <translation>%1 个周期</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>机群</translation>
    </message>
    <message>
        <source>Fleet file</source>
        <translation>机群文件</translation>
    </message>
    <message>
        <source>%1 (read)</source>
        <translation>%1（已读取）</translation>
    </message>
    <message>
        <source>the project no longer records the fleet %1: its readings and maintenance log are left out.</source>
        <translation>项目中已不再记录机群 %1：报告不包含其读数和维护记录。</translation>
    </message>
    <message>
        <source>%1 is missing: the readings and the maintenance log are left out of this report.</source>
        <translation>%1 缺失：本报告不包含读数和维护记录。</translation>
    </message>
    <message>
        <source>%1 changed after the run was trained on it: the readings and the maintenance log are left out of this report.</source>
        <translation>%1 在运行训练之后已被修改：本报告不包含读数和维护记录。</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2): the readings and the maintenance log are left out of this report.</source>
        <translation>无法读取 %1（%2）：本报告不包含读数和维护记录。</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>数据划分</translation>
    </message>
    <message>
        <source>%1 (held out: the model never trained or tuned on this machine)</source>
        <translation>%1（留出：模型从未在该设备上训练或调参）</translation>
    </message>
    <message>
        <source>%1 (the thresholds were tuned on this machine)</source>
        <translation>%1（阈值在该设备上调整）</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Report written</source>
        <translation>报告生成时间</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Failure mode</source>
        <translation>故障模式</translation>
    </message>
    <message>
        <source>Raised at</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>Last alerting window</source>
        <translation>最后一个告警窗口</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>%1 (threshold %2)</source>
        <translation>%1（阈值 %2）</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>a failure (%1) at %2, %3 after the alert</source>
        <translation>%2 发生故障（%1），在告警后 %3</translation>
    </message>
    <message>
        <source>no failure followed within the horizon (%1)</source>
        <translation>预测时域（%1）内未发生故障</translation>
    </message>
    <message>
        <source>No alert: this case covers the machine's health in the run, not an alert.</source>
        <translation>无告警：本案例涵盖该设备在此次运行中的健康状况，而非某条告警。</translation>
    </message>
    <message>
        <source>XGBoost contributions to the %1 score</source>
        <translation>XGBoost 对%1评分的贡献</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Contribution (log-odds)</source>
        <translation>贡献（对数几率）</translation>
    </message>
    <message>
        <source>These are the contributions of the explainable XGBoost model, which reads the window's summary features, in log-odds: its margin starts at the bias %1 and each feature adds its contribution (positive: toward a failure, negative: away from it), giving %2, a score of 1 / (1 + e^-margin) = %3. The table lists the largest; the alert itself was raised by the run's model.</source>
        <translation>以下是可解释的 XGBoost 模型（读取窗口的汇总特征）的贡献，单位为对数几率：其边际值从偏置 %1 开始，每个特征加上自己的贡献（正值：趋向故障，负值：远离故障），得到 %2，对应评分 1 / (1 + e^-margin) = %3。表中列出贡献最大的特征；告警本身由此次运行的模型触发。</translation>
    </message>
    <message>
        <source>The explainable model gives no contributions for this alert.</source>
        <translation>可解释模型未给出此告警的贡献。</translation>
    </message>
    <message>
        <source>Note from the explainable model: %1</source>
        <translation>可解释模型的说明：%1</translation>
    </message>
    <message>
        <source>Sensors by attention</source>
        <translation>按注意力排序的传感器</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Steps of the window by attention</source>
        <translation>按注意力排序的窗口步</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>覆盖时段</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>The window covers %1 to %2 in %3 steps of %4. The newest quarter of its steps holds %5 of the attention (an even spread would give %6).</source>
        <translation>窗口覆盖 %1 至 %2，共 %3 步，每步 %4。最新四分之一的步占注意力的 %5（均匀分布时为 %6）。</translation>
    </message>
    <message>
        <source>The run recorded no attention for this window.</source>
        <translation>此次运行未记录该窗口的注意力。</translation>
    </message>
    <message>
        <source>What the model weighed in the last window</source>
        <translation>模型在最后一个窗口中关注的内容</translation>
    </message>
    <message>
        <source>Risk (last window)</source>
        <translation>风险（最后一个窗口）</translation>
    </message>
    <message>
        <source>Predicted remaining useful life</source>
        <translation>预测剩余使用寿命</translation>
    </message>
    <message>
        <source>Peak risk over the run</source>
        <translation>运行期间的峰值风险</translation>
    </message>
    <message>
        <source>Windows scored</source>
        <translation>已评分窗口数</translation>
    </message>
    <message>
        <source>Last window</source>
        <translation>最后一个窗口</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Failures in the log</source>
        <translation>记录中的故障</translation>
    </message>
    <message>
        <source>Failure scores over time</source>
        <translation>故障评分随时间变化</translation>
    </message>
    <message>
        <source>Days since %1</source>
        <translation>自 %1 起的天数</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Failure score</source>
        <translation>故障评分</translation>
    </message>
    <message>
        <source>Threshold (%1)</source>
        <translation>阈值（%1）</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Each line is the mean of a bucket of windows; the band spans the bucket's lowest and highest score. A flat line marks each mode's threshold; dots mark alerts and, at the top, failures.</source>
        <translation>每条线是一组窗口评分的均值，阴影带表示该组的最低和最高评分。水平线标出各故障模式的阈值；圆点标出告警，顶部的圆点标出故障。</translation>
    </message>
    <message>
        <source>The run kept no scores for this machine.</source>
        <translation>此次运行未保存该设备的评分。</translation>
    </message>
    <message>
        <source>Sensor readings</source>
        <translation>传感器读数</translation>
    </message>
    <message>
        <source>%1 around the alert</source>
        <translation>告警前后的%1</translation>
    </message>
    <message>
        <source>%1 over the last window</source>
        <translation>最后一个窗口内的%1</translation>
    </message>
    <message>
        <source>Hours from %1</source>
        <translation>距 %1 的小时数</translation>
    </message>
    <message>
        <source>Cycles from %1</source>
        <translation>距 %1 的周期数</translation>
    </message>
    <message>
        <source>The most-attended sensor's raw readings over the alert's window and the horizon after it (%1 readings, shown in %2 buckets: the line is the mean, the band the lowest and highest reading).</source>
        <translation>注意力最高的传感器在告警窗口及其后预测时域内的原始读数（%1 个读数，分为 %2 组显示：线为均值，阴影带为最低和最高读数）。</translation>
    </message>
    <message>
        <source>The most-attended sensor's raw readings over the machine's last window (%1 readings, shown in %2 buckets).</source>
        <translation>注意力最高的传感器在该设备最后一个窗口内的原始读数（%1 个读数，分为 %2 组显示）。</translation>
    </message>
    <message>
        <source>No readings of %1 in this span.</source>
        <translation>该时段内没有 %1 的读数。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>scheduled maintenance</source>
        <translation>计划维护</translation>
    </message>
    <message>
        <source>corrective maintenance</source>
        <translation>纠正性维修</translation>
    </message>
    <message>
        <source>all modes</source>
        <translation>所有模式</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>停机时间</translation>
    </message>
    <message>
        <source>The log records no maintenance and no failure of this machine.</source>
        <translation>记录中没有该设备的维护和故障。</translation>
    </message>
    <message>
        <source>The maintenance log is not available: %1</source>
        <translation>维护记录不可用：%1</translation>
    </message>
    <message>
        <source>failure after %1</source>
        <translation>%1 后发生故障</translation>
    </message>
    <message>
        <source>no failure</source>
        <translation>未发生故障</translation>
    </message>
    <message>
        <source>No other alert was raised on this machine in this run.</source>
        <translation>此次运行中该设备没有其他告警。</translation>
    </message>
    <message>
        <source>No alert was raised on this machine in this run.</source>
        <translation>此次运行中该设备没有告警。</translation>
    </message>
    <message>
        <source>Inspect %1 for %2 now: its latest score %3 is at or above the threshold %4, and the predicted remaining useful life is %5.</source>
        <translation>请立即检查 %1 是否存在%2：其最新评分 %3 已达到或超过阈值 %4，预测剩余使用寿命为 %5。</translation>
    </message>
    <message>
        <source>No action is due now: the latest score of %1 is %2 (%3), below its threshold %4; the predicted remaining useful life is %5.</source>
        <translation>目前无需采取措施：%1 的最新评分为 %2（%3），低于阈值 %4；预测剩余使用寿命为 %5。</translation>
    </message>
    <message>
        <source>The machine has no scored window, so its health now is unknown.</source>
        <translation>该设备没有已评分的窗口，因此当前健康状况未知。</translation>
    </message>
    <message>
        <source>This alert preceded a failure (%1) by %2: on the next such alert, inspect the machine for %1 within %2.</source>
        <translation>此告警比故障（%1）提前 %2：下次出现类似告警时，请在 %2 内检查设备是否存在%1。</translation>
    </message>
    <message>
        <source>No failure (%1) followed this alert within %2: it was a false alarm.</source>
        <translation>此告警后 %2 内未发生故障（%1）：这是一次误报。</translation>
    </message>
    <message>
        <source>Seekbench</source>
        <translation>Seekbench</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>none (a build without the desktop programs)</source>
        <translation>无（不含桌面程序的构建）</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Generated on</source>
        <translation>生成环境</translation>
    </message>
    <message>
        <source>Results stored</source>
        <translation>结果保存时间</translation>
    </message>
</context>
<context>
    <name>PdmReportWriter</name>
    <message>
        <source>No file chosen for the report.</source>
        <translation>未选择报告文件。</translation>
    </message>
    <message>
        <source>The report %1 must end in .html or .pdf.</source>
        <translation>报告 %1 的扩展名必须是 .html 或 .pdf。</translation>
    </message>
    <message>
        <source>Cannot write the report %1: the folder %2 does not exist.</source>
        <translation>无法写入报告 %1：文件夹 %2 不存在。</translation>
    </message>
    <message>
        <source>Cannot write the report %1: permission denied.</source>
        <translation>无法写入报告 %1：权限不足。</translation>
    </message>
    <message>
        <source>Cannot make the report %1: %2</source>
        <translation>无法生成报告 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the report %1: %2</source>
        <translation>无法写入报告 %1：%2</translation>
    </message>
</context>
<context>
    <name>PdmText</name>
    <message>
        <source>Bearing wear</source>
        <translation>轴承磨损</translation>
    </message>
    <message>
        <source>Overheating</source>
        <translation>过热</translation>
    </message>
    <message>
        <source>Pump cavitation</source>
        <translation>泵气蚀</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Vibration RMS</source>
        <translation>振动有效值</translation>
    </message>
    <message>
        <source>Vibration kurtosis</source>
        <translation>振动峭度</translation>
    </message>
    <message>
        <source>Bearing temperature</source>
        <translation>轴承温度</translation>
    </message>
    <message>
        <source>Pressure</source>
        <translation>压力</translation>
    </message>
    <message>
        <source>Motor current</source>
        <translation>电机电流</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>转速</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>cycle %1</source>
        <translation>第 %1 周期</translation>
    </message>
    <message>
        <source>%1 cycles</source>
        <translation>%1 个周期</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>ProjectRecovery</name>
    <message>
        <source>The damaged store was moved to %1.</source>
        <translation>已将损坏的存储移至 %1。</translation>
    </message>
    <message>
        <source>No table could be read back.</source>
        <translation>没有任何表能够读回。</translation>
    </message>
    <message>
        <source>Salvaged: %1.</source>
        <translation>已抢救：%1。</translation>
    </message>
    <message>
        <source>Lost (SQLite could not read them): %1.</source>
        <translation>已丢失（SQLite 无法读取）：%1。</translation>
    </message>
    <message>
        <source>The run store is damaged</source>
        <translation>运行存储已损坏</translation>
    </message>
    <message>
        <source>Recover moves the damaged file aside (seekbench.db.damaged-&lt;time&gt;) and salvages every table SQLite can still read into a fresh store. Nothing is deleted.</source>
        <translation>“恢复”会把损坏的文件移到一旁（seekbench.db.damaged-&lt;时间&gt;），并把 SQLite 仍能读取的每张表抢救到新的存储中。不会删除任何内容。</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Recovering the run store…</source>
        <translation>正在恢复运行存储…</translation>
    </message>
    <message>
        <source>Recovery failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <source>Run store recovered</source>
        <translation>运行存储已恢复</translation>
    </message>
</context>
<context>
    <name>ProjectTemplates</name>
    <message>
        <source>Blank project</source>
        <translation>空白项目</translation>
    </message>
    <message>
        <source>An empty project: bring your own run configs.</source>
        <translation>空项目：使用你自己的运行配置。</translation>
    </message>
    <message>
        <source>Text classification (synthetic)</source>
        <translation>文本分类（合成数据）</translation>
    </message>
    <message>
        <source>DeepSeek-style transformers on a synthetic text task with planted patterns: tiny, small and MoE configs, ready to launch.</source>
        <translation>在带有植入模式的合成文本任务上训练 DeepSeek 风格的 Transformer：附带 tiny、small 和 MoE 配置，可直接启动。</translation>
    </message>
    <message>
        <source>Anti-money laundering (synthetic)</source>
        <translation>反洗钱（合成数据）</translation>
    </message>
    <message>
        <source>Synthetic transfers with planted laundering rings (fan-out, cycles, ...), a dynamic graph model against XGBoost, and its alerts: generated and trained on creation (configs/aml_demo.yaml, a minute or two), then open View &gt; Anti-money laundering.</source>
        <translation>含有预置洗钱团伙（扇出、环路等）的合成转账数据、与 XGBoost 对比的动态图模型及其警报：创建时自动生成并训练（configs/aml_demo.yaml，一两分钟），然后打开“视图 &gt; 反洗钱”。</translation>
    </message>
    <message>
        <source>Predictive maintenance (simulated fleet)</source>
        <translation>预测性维护（模拟机群）</translation>
    </message>
    <message>
        <source>A simulated fleet of 40 machines with sensors, operating regimes, three failure modes and a maintenance log; an LSTM with sensor and temporal attention against XGBoost and the plant's threshold rule, its failure alerts and the maintenance policies: generated and trained on creation (configs/pdm_demo.yaml, a minute or two), then open View &gt; Predictive maintenance.</source>
        <translation>一个含 40 台设备的模拟机群，带传感器、运行工况、三种故障模式和维护记录；带传感器注意力与时间注意力的 LSTM，与 XGBoost 及工厂阈值规则对比，并给出故障告警和维护策略：创建时即生成数据并训练（configs/pdm_demo.yaml，约一两分钟），然后打开“视图 &gt; 预测性维护”。</translation>
    </message>
    <message>
        <source>Medical knowledge graph (generated corpus)</source>
        <translation>医学知识图谱（生成的语料）</translation>
    </message>
    <message>
        <source>A synthetic medical ontology (common and rare diseases, symptoms, genes, drugs, lab tests) and 600 clinical documents generated from it; an encoder extracting entities and relations against the dictionary baseline, and the knowledge graph it builds, with the evidence of every edge: generated and trained on creation (configs/kg_demo.yaml, about half a minute), then open View &gt; Knowledge graph.</source>
        <translation>一个合成的医学本体（常见病和罕见病、症状、基因、药物、化验项目）以及由其生成的 600 篇临床文档；一个抽取实体和关系的编码器，与词典基线对比，以及它构建的知识图谱，每条边都附有证据：创建时生成并训练（configs/kg_demo.yaml，约半分钟），然后打开 视图 &gt; 知识图谱。</translation>
    </message>
</context>
<context>
    <name>ReportLabels</name>
    <message>
        <source>en</source>
        <extracomment>The report's language code: zh_CN in the Chinese translation (it picks the PDF's fonts).</extracomment>
        <translation>zh_CN</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Run report: %1</source>
        <translation>运行报告：%1</translation>
    </message>
    <message>
        <source>Comparison of %1 runs against the baseline %2</source>
        <translation>%1 个运行与基线 %2 的对比</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Final and best metrics</source>
        <translation>最终与最佳指标</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Model exports</source>
        <translation>模型导出</translation>
    </message>
    <message>
        <source>AML results</source>
        <translation>反洗钱结果</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>来源与复现</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run id</source>
        <translation>运行 ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>时钟时间</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>Ranks</source>
        <translation>进程数（rank）</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Parent run</source>
        <translation>父运行</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Config snapshot (%1)</source>
        <translation>配置快照（%1）</translation>
    </message>
    <message>
        <source>Differences against the baseline %1</source>
        <translation>与基线 %1 的差异</translation>
    </message>
    <message>
        <source>The config is the same as the baseline %1's.</source>
        <translation>配置与基线 %1 的相同。</translation>
    </message>
    <message>
        <source>Config differences</source>
        <translation>配置差异</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>rank %1</source>
        <translation>rank %1</translation>
    </message>
    <message>
        <source>Each line is the mean of a bucket of steps; the band spans the bucket's min and max.</source>
        <translation>每条线是每个步数区间的均值；阴影带覆盖该区间的最小值到最大值。</translation>
    </message>
    <message>
        <source>The run recorded no curves.</source>
        <translation>该运行没有记录曲线。</translation>
    </message>
    <message>
        <source>Curve %1</source>
        <translation>曲线 %1</translation>
    </message>
    <message>
        <source>no finite points</source>
        <translation>没有有限数值的点</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>最终值</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳值</translation>
    </message>
    <message>
        <source>At step</source>
        <translation>所在步数</translation>
    </message>
    <message>
        <source>Δ %1</source>
        <translation>Δ %1</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Final metrics</source>
        <translation>最终指标</translation>
    </message>
    <message>
        <source>Best metrics</source>
        <translation>最佳指标</translation>
    </message>
    <message>
        <source>The run recorded no final or best metrics.</source>
        <translation>该运行没有记录最终或最佳指标。</translation>
    </message>
    <message>
        <source>Peak memory (RSS)</source>
        <translation>内存峰值（RSS）</translation>
    </message>
    <message>
        <source>Peak CUDA memory</source>
        <translation>CUDA 显存峰值</translation>
    </message>
    <message>
        <source>Mean CPU</source>
        <translation>平均 CPU</translation>
    </message>
    <message>
        <source>Throughput (%1)</source>
        <translation>吞吐量（%1）</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>The run recorded no system samples.</source>
        <translation>该运行没有记录系统采样。</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Checkpoint %1</source>
        <translation>检查点 %1</translation>
    </message>
    <message>
        <source>the file is not in the project folder (deleted or moved).</source>
        <translation>文件不在项目文件夹中（已删除或移动）。</translation>
    </message>
    <message>
        <source>its SHA-256 is %1, not the recorded %2: the file changed after it was written.</source>
        <translation>其 SHA-256 为 %1，而不是记录的 %2：文件在写入后被修改过。</translation>
    </message>
    <message>
        <source>The run recorded no checkpoint.</source>
        <translation>该运行没有记录检查点。</translation>
    </message>
    <message>
        <source>No model was exported from this run.</source>
        <translation>尚未从该运行导出模型。</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>Files in %1 the store does not list</source>
        <translation>%1 中存储未记录的文件</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Typology</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>正例</translation>
    </message>
    <message>
        <source>PR-AUC</source>
        <translation>PR-AUC</translation>
    </message>
    <message>
        <source>ROC-AUC</source>
        <translation>ROC-AUC</translation>
    </message>
    <message>
        <source>Recall at FPR %1</source>
        <translation>误报率 %1 时的召回率</translation>
    </message>
    <message>
        <source>Precision-recall curve (%1, %2)</source>
        <translation>精确率-召回率曲线（%1，%2）</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Operating point (%1)</source>
        <translation>工作点（%1）</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>误报率</translation>
    </message>
    <message>
        <source>Alerts per day</source>
        <translation>每日告警数</translation>
    </message>
    <message>
        <source>Capacity per day</source>
        <translation>每日处理能力</translation>
    </message>
    <message>
        <source>Expected cost</source>
        <translation>期望成本</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>告警（%1）</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Seekbench</source>
        <translation>Seekbench</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Generated on</source>
        <translation>生成于</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>核心数</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation>BLAS</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Data fingerprint</source>
        <translation>数据指纹</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Checkpoint SHA-256</source>
        <translation>检查点 SHA-256</translation>
    </message>
    <message>
        <source>Reproduce with</source>
        <translation>复现命令</translation>
    </message>
    <message>
        <source>Config snapshot %1</source>
        <translation>配置快照 %1</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>the run recorded no start event (it never started training).</source>
        <translation>该运行没有记录开始事件（从未开始训练）。</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Confusion matrix, %1 split at step %2: rows are the true class, columns the predicted</source>
        <translation>混淆矩阵（%1 划分，第 %2 步）：行为真实类别，列为预测类别</translation>
    </message>
    <message>
        <source>Confusion matrix of the best evaluation, %1 split at step %2</source>
        <translation>最佳评估的混淆矩阵（%1 划分，第 %2 步）</translation>
    </message>
    <message>
        <source>Per-class metrics, %1 split at step %2</source>
        <translation>各类别指标（%1 划分，第 %2 步）</translation>
    </message>
    <message>
        <source>Per-class metrics of the best evaluation, %1 split at step %2</source>
        <translation>最佳评估的各类别指标（%1 划分，第 %2 步）</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Macro average</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <source>Weighted average</source>
        <translation>加权平均</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Confusion matrix %1</source>
        <translation>混淆矩阵 %1</translation>
    </message>
    <message>
        <source>Sweep report: %1</source>
        <translation>扫参报告：%1</translation>
    </message>
    <message>
        <source>Search space</source>
        <translation>搜索空间</translation>
    </message>
    <message>
        <source>Best trials</source>
        <translation>最佳试验</translation>
    </message>
    <message>
        <source>Best so far</source>
        <translation>历史最佳</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>平行坐标</translation>
    </message>
    <message>
        <source>Parameter importance</source>
        <translation>参数重要性</translation>
    </message>
    <message>
        <source>Sweep definition</source>
        <translation>扫参定义</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫参</translation>
    </message>
    <message>
        <source>Sweep id</source>
        <translation>扫参 ID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>%1, %2 (%3)</source>
        <translation>%1，%2（%3）</translation>
    </message>
    <message>
        <source>minimize</source>
        <translation>最小化</translation>
    </message>
    <message>
        <source>maximize</source>
        <translation>最大化</translation>
    </message>
    <message>
        <source>its last value</source>
        <translation>取最后值</translation>
    </message>
    <message>
        <source>its best value</source>
        <translation>取最佳值</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>Pruner</source>
        <translation>剪枝器</translation>
    </message>
    <message>
        <source>Trial budget</source>
        <translation>试验预算</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>%1 complete, %2 pruned, %3 failed, %4 infeasible, %5 running (%6 in all)</source>
        <translation>完成 %1，剪枝 %2，失败 %3，不可行 %4，运行中 %5（共 %6）</translation>
    </message>
    <message>
        <source>%1 (trial %2)</source>
        <translation>%1（试验 %2）</translation>
    </message>
    <message>
        <source>Wall time of the trials' runs</source>
        <translation>各试验运行的总耗时</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>The %1 best of %2 complete trials by %3</source>
        <translation>按 %3 排序，%2 个已完成试验中最好的 %1 个</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>no trial of this sweep has completed yet, so there is no best trial.</source>
        <translation>该扫参尚无已完成的试验，因此没有最佳试验。</translation>
    </message>
    <message>
        <source>Trial objective</source>
        <translation>试验目标值</translation>
    </message>
    <message>
        <source>Each dot is a complete trial's objective; the line is the best value up to that trial.</source>
        <translation>每个点是一个已完成试验的目标值；折线是截至该试验的最佳值。</translation>
    </message>
    <message>
        <source>One line per complete trial through its parameters and objective; darker is better, the best trial in red. A dashed line passes a parameter the trial did not use.</source>
        <translation>每条线是一个已完成试验，依次经过其参数和目标值；颜色越深越好，最佳试验以红色标出。虚线表示该试验未使用的参数。</translation>
    </message>
    <message>
        <source>%1 (darker: better)</source>
        <translation>%1（越深越好）</translation>
    </message>
    <message>
        <source>Trial %1</source>
        <translation>试验 %1</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <source>Std. dev.</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>fANOVA on a random forest of %1 complete trials: each parameter's share of the objective's variance.</source>
        <translation>基于 %1 个已完成试验的随机森林 fANOVA：各参数在目标值方差中所占的份额。</translation>
    </message>
    <message>
        <source>needs at least %1 complete trials; this sweep has %2.</source>
        <translation>至少需要 %1 个已完成试验；该扫参只有 %2 个。</translation>
    </message>
    <message>
        <source>the importance could not be computed: %1</source>
        <translation>无法计算重要性：%1</translation>
    </message>
    <message>
        <source>The search space as created</source>
        <translation>创建时的搜索空间</translation>
    </message>
    <message>
        <source>Reproduce the sweep with</source>
        <translation>复现扫参的命令</translation>
    </message>
    <message>
        <source>Best trial's run</source>
        <translation>最佳试验的运行</translation>
    </message>
    <message>
        <source>Numeric precision</source>
        <translation>数值精度</translation>
    </message>
    <message>
        <source>Attention examples</source>
        <translation>注意力示例</translation>
    </message>
    <message>
        <source>One image of each class from the %1 split, at step %2, as the attention inspector shows them. Each row: the image, where the class token of its caption looks in the image in each head of the last cross layer (text-to-image attention), then the mean over heads. Redder and brighter: more attention; each panel is scaled to its own maximum.</source>
        <translation>%1 划分中每个类别各一张图像，第 %2 步，与注意力检查器所显示的一致。每一行：图像本身，其描述中的类别词元在最后一个交叉层的每个注意力头中关注图像的位置（文本到图像注意力），然后是各头的平均。越红越亮表示注意力越多；每个面板按其自身的最大值缩放。</translation>
    </message>
    <message>
        <source>One image of each class from the %1 split, at step %2, as the attention inspector shows them. Each row: the image, the attention each patch receives in the last image layer (mean over the patches that look) in each head, then the mean over heads. Redder and brighter: more attention; each panel is scaled to its own maximum.</source>
        <translation>%1 划分中每个类别各一张图像，第 %2 步，与注意力检查器所显示的一致。每一行：图像本身，最后一个图像层中每个注意力头里各图块所接收的注意力（对发起关注的图块取平均），然后是各头的平均。越红越亮表示注意力越多；每个面板按其自身的最大值缩放。</translation>
    </message>
    <message>
        <source>%1, image %2: predicted %3</source>
        <translation>%1，图像 %2：预测为 %3</translation>
    </message>
    <message>
        <source>%1, image %2: predicted %3; caption "%4"; gate: text %5, image %6</source>
        <translation>%1，图像 %2：预测为 %3；描述“%4”；门控：文本 %5，图像 %6</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>On the object</source>
        <translation>落在物体上</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>On the object: the share of the mean attention that falls on patches at least half covered by the object; uniform: the share an attention spread evenly over the patches would give.</source>
        <translation>落在物体上：平均注意力中落在至少一半被物体覆盖的图块上的份额；均匀：注意力在各图块间平均分布时会得到的份额。</translation>
    </message>
    <message>
        <source>Attention examples %1</source>
        <translation>注意力示例 %1</translation>
    </message>
    <message>
        <source>the run recorded none (it ended before its training finished, or an older Seekbench trained it); `seekbench-cli inspect examples --project DIR --run-id %1` writes them from its newest checkpoint.</source>
        <translation>该运行没有记录任何示例（它在训练完成前就已结束，或由较旧的 Seekbench 训练）；`seekbench-cli inspect examples --project DIR --run-id %1` 会从其最新检查点写出这些示例。</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>none (a build without the desktop programs)</source>
        <translation>无（未包含桌面程序的构建）</translation>
    </message>
</context>
<context>
    <name>ReportLogoFiles</name>
    <message>
        <source>The logo %1 does not exist.</source>
        <translation>标志 %1 不存在。</translation>
    </message>
    <message>
        <source>The logo %1 is not an image Seekbench can read (PNG, JPEG, BMP, GIF…).</source>
        <translation>标志 %1 不是 Seekbench 能读取的图片（PNG、JPEG、BMP、GIF…）。</translation>
    </message>
    <message>
        <source>The logo must be inside the project folder, so that the report template can be shared with the project, and this read-only project cannot take a copy of %1.</source>
        <translation>标志必须位于项目文件夹内，这样报告模板才能随项目共享；而此只读项目无法保存 %1 的副本。</translation>
    </message>
    <message>
        <source>The logo cannot be copied into %1.</source>
        <translation>无法将标志复制到 %1。</translation>
    </message>
    <message>
        <source>the template's logo %1 is not in the project folder</source>
        <translation>模板中的标志 %1 不在项目文件夹内</translation>
    </message>
    <message>
        <source>the template's logo %1 is missing</source>
        <translation>模板中的标志 %1 不存在</translation>
    </message>
    <message>
        <source>the template's logo %1 leaves the project folder</source>
        <translation>模板中的标志 %1 位于项目文件夹之外</translation>
    </message>
    <message>
        <source>the template's logo %1 is not an image</source>
        <translation>模板中的标志 %1 不是图片</translation>
    </message>
</context>
<context>
    <name>RunEnvironment</name>
    <message>
        <source>BLAS: not recorded (the run kept no output log here)</source>
        <translation>BLAS：未记录（该运行在此没有保留输出日志）</translation>
    </message>
    <message>
        <source>BLAS: %1</source>
        <translation>BLAS：%1</translation>
    </message>
    <message>
        <source>BLAS: %1 with %2 kernels</source>
        <translation>BLAS：%1，使用 %2 内核</translation>
    </message>
    <message>
        <source> (fp32 GEMM %1 GFLOP/s in the self-check)</source>
        <translation>（自检中 fp32 GEMM 为 %1 GFLOP/s）</translation>
    </message>
    <message>
        <source>Precision: %1, as the config sets it</source>
        <translation>精度：%1（由配置指定）</translation>
    </message>
    <message>
        <source>Precision: %1 — %2</source>
        <translation>精度：%1 — %2</translation>
    </message>
    <message>
        <source>; fused CPU kernels on</source>
        <translation>；融合 CPU 内核：开</translation>
    </message>
    <message>
        <source>; fused CPU kernels off (SEEKBENCH_FUSED_KERNELS=0)</source>
        <translation>；融合 CPU 内核：关（SEEKBENCH_FUSED_KERNELS=0）</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::AmlAlertsPanel</name>
    <message>
        <source>fan-out</source>
        <translation>扇出</translation>
    </message>
    <message>
        <source>fan-in</source>
        <translation>扇入</translation>
    </message>
    <message>
        <source>cycle</source>
        <translation>环路</translation>
    </message>
    <message>
        <source>scatter-gather</source>
        <translation>分散-聚合</translation>
    </message>
    <message>
        <source>gather-scatter</source>
        <translation>聚合-分散</translation>
    </message>
    <message>
        <source>bipartite</source>
        <translation>二分</translation>
    </message>
    <message>
        <source>stack</source>
        <translation>堆叠</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>reviewing</source>
        <translation>审查中</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>any account</source>
        <translation>任意账户</translation>
    </message>
    <message>
        <source>Score ≥</source>
        <translation>评分 ≥</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>Colour and size: severity (blue low, orange medium, red high). Height in a lane: score. Wheel: zoom, drag: pan, double-click: all. Click an alert to open its case.</source>
        <translation>颜色和大小：严重程度（蓝色低、橙色中、红色高）。泳道内的高度：评分。滚轮：缩放，拖动：平移，双击：全部。单击警报打开其案件。</translation>
    </message>
    <message>
        <source>No account named %1 in this project.</source>
        <translation>此项目中没有名为 %1 的账户。</translation>
    </message>
    <message>
        <source>Cannot read the alerts: %1</source>
        <translation>无法读取警报：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) of run %1 (%2 model)</source>
        <translation><numerusform>运行 %1 的 %n 条警报（%2 模型）</numerusform></translation>
    </message>
    <message>
        <source>No alerts in this project yet.</source>
        <translation>本项目还没有警报。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::AmlCaseView</name>
    <message>
        <source>Select an alert on the timeline to open its case.</source>
        <translation>在时间线上选择一条警报以打开其案件。</translation>
    </message>
    <message>
        <source>Show the transaction graph as it was at this time</source>
        <translation>显示此时刻的交易图</translation>
    </message>
    <message>
        <source>Notes on this case, saved in the project</source>
        <translation>此案件的备注，保存在项目中</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Opening alert #%1…</source>
        <translation>正在打开警报 #%1…</translation>
    </message>
    <message>
        <source>Opening account %1…</source>
        <translation>正在打开账户 %1…</translation>
    </message>
    <message>
        <source>Cannot open the case</source>
        <translation>无法打开案件</translation>
    </message>
    <message>
        <source>Alert #%1 — account %2</source>
        <translation>警报 #%1 — 账户 %2</translation>
    </message>
    <message numerus="yes">
        <source>Score %1 (threshold %2, %3 severity); %4 transfers of the account; %n traced chain(s)%5.</source>
        <translation><numerusform>评分 %1（阈值 %2，严重程度 %3）；该账户共 %4 笔转账；追踪到 %n 条资金链%5。</numerusform></translation>
    </message>
    <message>
        <source>; the graph is truncated at its caps</source>
        <translation>；交易图已在上限处截断</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>账户 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 transfers; %n traced chain(s).</source>
        <translation><numerusform>%1 笔转账；追踪到 %n 条资金链。</numerusform></translation>
    </message>
    <message>
        <source>Cannot save the case: %1</source>
        <translation>无法保存案件：%1</translation>
    </message>
    <message>
        <source>Saved alert #%1</source>
        <translation>已保存警报 #%1</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>没有打开的案件。</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>Export case report</source>
        <translation>导出案件报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <source>The project is read-only: the status and notes cannot be saved.</source>
        <translation>项目为只读：无法保存状态和备注。</translation>
    </message>
    <message>
        <source>the project is read-only</source>
        <translation>项目为只读</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::AmlThresholdPanel</name>
    <message>
        <source>Apply threshold: re-create the alerts</source>
        <translation>应用阈值：重新生成警报</translation>
    </message>
    <message>
        <source>Re-creating the alerts failed: %1</source>
        <translation>重新生成警报失败：%1</translation>
    </message>
    <message>
        <source>Alerts re-created at threshold %1</source>
        <translation>已按阈值 %1 重新生成警报</translation>
    </message>
    <message>
        <source>Run %1 has no operating curve for the %2 model.</source>
        <translation>运行 %1 没有 %2 模型的工作曲线。</translation>
    </message>
    <message>
        <source>Cannot read the operating curve: %1</source>
        <translation>无法读取工作曲线：%1</translation>
    </message>
    <message>
        <source>Re-creating the alerts at threshold %1…</source>
        <translation>正在按阈值 %1 重新生成警报…</translation>
    </message>
    <message>
        <source>The project is read-only: the alerts cannot be re-created.</source>
        <translation>项目为只读：无法重新生成告警。</translation>
    </message>
    <message>
        <source>Drag the dashed line to move the operating point. The curve and the figures are the run's validation months, where its threshold was chosen; its test months are reported once, in the run's figures, and are not tuned on here.</source>
        <translation>拖动虚线以移动工作点。曲线和各项数值来自该运行的验证月份，其阈值即在此选定；测试月份只在该运行的结果中报告一次，不在这里调整。</translation>
    </message>
    <message>
        <source>Threshold %1 on the validation months: %2 alerts per day, precision %3, recall %4, false-positive rate %5 (alerts now at %6)</source>
        <translation>阈值 %1（验证月份）：每天 %2 条警报，精确率 %3，召回率 %4，误报率 %5（当前警报阈值为 %6）</translation>
    </message>
    <message>
        <source>Threshold %1 on the test months (this run kept no validation curve): %2 alerts per day, precision %3, recall %4, false-positive rate %5 (alerts now at %6)</source>
        <translation>阈值 %1（测试月份；该运行未保存验证曲线）：每天 %2 条警报，精确率 %3，召回率 %4，误报率 %5（当前警报阈值为 %6）</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::AmlWindow</name>
    <message>
        <source>Anti-money laundering — %1</source>
        <translation>反洗钱 — %1</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>警报</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Transaction %1 is no longer alerted at the new threshold; its case shows the account only.</source>
        <translation>交易 %1 在新阈值下不再触发警报；案件仅显示该账户。</translation>
    </message>
    <message>
        <source>Cannot reopen the case: %1</source>
        <translation>无法重新打开案件：%1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::AnnotatedSentenceView</name>
    <message>
        <source>Entity %1 (bytes %2-%3) does not fit the sentence's %4 bytes: not drawn.</source>
        <translation>实体 %1（字节 %2-%3）超出了句子的 %4 个字节：未绘制。</translation>
    </message>
    <message>
        <source>Entity %1 overlaps entity %2: not drawn.</source>
        <translation>实体 %1 与实体 %2 重叠：未绘制。</translation>
    </message>
    <message>
        <source>Relation %1 joins entities %2 and %3, which are not drawn: not drawn.</source>
        <translation>关系 %1 连接的实体 %2 和 %3 未绘制：该关系未绘制。</translation>
    </message>
    <message>
        <source>%1 · negated</source>
        <translation>%1 · 否定</translation>
    </message>
    <message>
        <source>%1 · hedged</source>
        <translation>%1 · 不确定</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>链接：%1</translation>
    </message>
    <message>
        <source>Confidence: %1</source>
        <translation>置信度：%1</translation>
    </message>
    <message>
        <source>Negated: counts against the relations it is in.</source>
        <translation>否定：作为其所在关系的反证。</translation>
    </message>
    <message>
        <source>Hedged: counts at reduced weight.</source>
        <translation>不确定：以较低权重计入。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::AttentionInspectorView</name>
    <message>
        <source>Inspection engine ready: checkpoint step %1, %2 test samples</source>
        <translation>检查引擎已就绪：检查点步数 %1，%2 个测试样本</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Attention inspector</source>
        <translation>注意力检查器</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Test sample</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>By class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Next misclassified</source>
        <translation>下一个分类错误的样本</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Caption tokens (hover or select one; click a patch for the reverse view)</source>
        <translation>描述词元（悬停或选中一个；点击图块查看反向视图）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Colour map</source>
        <translation>色彩映射</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Export view…</source>
        <translation>导出视图…</translation>
    </message>
    <message>
        <source>Export all heads…</source>
        <translation>导出所有注意力头…</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>注意力展开（Rollout）</translation>
    </message>
    <message>
        <source>Relevance (Chefer et al. 2021)</source>
        <translation>相关性（Chefer 等，2021）</translation>
    </message>
    <message>
        <source>Open a project to inspect its runs.</source>
        <translation>请先打开一个项目以检查其运行。</translation>
    </message>
    <message>
        <source>This project has no run with a checkpoint to inspect yet.</source>
        <translation>此项目还没有带检查点、可供检查的运行。</translation>
    </message>
    <message>
        <source>Computing sample %1…</source>
        <translation>正在计算样本 %1…</translation>
    </message>
    <message>
        <source>Starting the inspection engine and computing sample %1…</source>
        <translation>正在启动检查引擎并计算样本 %1…</translation>
    </message>
    <message>
        <source>Image-only model: no gate</source>
        <translation>纯图像模型：没有门控</translation>
    </message>
    <message>
        <source>Sample %1 (%2, predicted %3) — gate: text %4, image %5</source>
        <translation>样本 %1（%2，预测为 %3）— 门控：文本 %4，图像 %5</translation>
    </message>
    <message>
        <source>Text → image, cross layer %1</source>
        <translation>文本 → 图像，交叉层 %1</translation>
    </message>
    <message>
        <source>Image → text, cross layer %1</source>
        <translation>图像 → 文本，交叉层 %1</translation>
    </message>
    <message>
        <source>Image self-attention, layer %1</source>
        <translation>图像自注意力，第 %1 层</translation>
    </message>
    <message>
        <source>Text self-attention, layer %1</source>
        <translation>文本自注意力，第 %1 层</translation>
    </message>
    <message>
        <source>Mean over heads</source>
        <translation>各注意力头平均</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>%1 of %2 test samples misclassified</source>
        <translation>%2 个测试样本中有 %1 个分类错误</translation>
    </message>
    <message>
        <source>The test-set pass has not finished yet.</source>
        <translation>测试集遍历尚未完成。</translation>
    </message>
    <message>
        <source>No misclassified sample in the test set.</source>
        <translation>测试集中没有分类错误的样本。</translation>
    </message>
    <message>
        <source>No sample of this class.</source>
        <translation>没有此类别的样本。</translation>
    </message>
    <message>
        <source>Sample %1, %2 — %3
%4</source>
        <translation>样本 %1，%2 — %3
%4</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export all heads</source>
        <translation>导出所有注意力头</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ChartControls</name>
    <message>
        <source>Smoothing %1</source>
        <translation>平滑 %1</translation>
    </message>
    <message>
        <source>Exponential moving average of every curve; the raw curve stays faint behind it</source>
        <translation>对每条曲线做指数滑动平均；原始曲线以淡色保留在其后</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>横轴</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>时钟时间</translation>
    </message>
    <message>
        <source>Relative time (s)</source>
        <translation>相对时间（秒）</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::CliClient</name>
    <message>
        <source>seekbench-cli was not found at %1</source>
        <translation>在 %1 找不到 seekbench-cli</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>seekbench-cli %1 was cancelled</source>
        <translation>seekbench-cli %1 已取消</translation>
    </message>
    <message>
        <source>seekbench-cli %1 did not answer within %2 s and was stopped</source>
        <translation>seekbench-cli %1 在 %2 秒内没有应答，已被停止</translation>
    </message>
    <message>
        <source>seekbench-cli %1 crashed</source>
        <translation>seekbench-cli %1 崩溃了</translation>
    </message>
    <message>
        <source>seekbench-cli %1 crashed: %2</source>
        <translation>seekbench-cli %1 崩溃了：%2</translation>
    </message>
    <message>
        <source>seekbench-cli %1 failed (exit code %2: %3)</source>
        <translation>seekbench-cli %1 失败（退出码 %2：%3）</translation>
    </message>
    <message>
        <source>%1 (exit code %2: %3)</source>
        <translation>%1（退出码 %2：%3）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>bad input, nothing was changed</source>
        <translation>输入有误，未做任何更改</translation>
    </message>
    <message>
        <source>runtime failure</source>
        <translation>运行时失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>an exit code seekbench-cli does not document</source>
        <translation>seekbench-cli 未说明的退出码</translation>
    </message>
    <message>
        <source>seekbench-cli printed no reply</source>
        <translation>seekbench-cli 没有输出应答</translation>
    </message>
    <message>
        <source>seekbench-cli printed no reply: %1</source>
        <translation>seekbench-cli 没有输出应答：%1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::CompareModel</name>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1（基线）</translation>
    </message>
    <message>
        <source>%1 final</source>
        <translation>%1 最终值</translation>
    </message>
    <message>
        <source>%1 best</source>
        <translation>%1 最佳值</translation>
    </message>
    <message>
        <source>runtime</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>peak tensor memory</source>
        <translation>张量内存峰值</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ConceptPicker</name>
    <message>
        <source>Double-click or press Delete to remove.</source>
        <translation>双击或按 Delete 键移除。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (unknown)</source>
        <translation>%1（未知）</translation>
    </message>
    <message>
        <source>No %1 in this graph has this name or form: it will be ignored.</source>
        <translation>此图中没有名称或写法为此的%1：将被忽略。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ConfigDiffModel</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Earlier run</source>
        <translation>早先的运行</translation>
    </message>
    <message>
        <source>This config</source>
        <translation>当前配置</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ConfigDiffView</name>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>No earlier run in this project to compare with.</source>
        <translation>此项目中没有可比较的早先运行。</translation>
    </message>
    <message>
        <source>The config of run %1 cannot be read:
%2</source>
        <translation>无法读取运行 %1 的配置：
%2</translation>
    </message>
    <message>
        <source>Identical to the config of run %1.</source>
        <translation>与运行 %1 的配置完全相同。</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) differ from run %1.</source>
        <translation><numerusform>有 %n 个键与运行 %1 不同。</numerusform></translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ConfigEditor</name>
    <message>
        <source>Range: %1 to %2</source>
        <translation>范围：%1 到 %2</translation>
    </message>
    <message>
        <source>At least %1</source>
        <translation>至少为 %1</translation>
    </message>
    <message>
        <source>At most %1</source>
        <translation>至多为 %1</translation>
    </message>
    <message>
        <source>This build's LibTorch has no CUDA.</source>
        <translation>此构建所用的 LibTorch 不支持 CUDA。</translation>
    </message>
    <message>
        <source>No CUDA device is present on this machine.</source>
        <translation>本机没有 CUDA 设备。</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Estimates</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>The YAML text has problems; the form shows the last valid config. Fix the text in the YAML view.</source>
        <translation>YAML 文本有问题；表单显示的是最后一个有效的配置。请在 YAML 视图中修正文本。</translation>
    </message>
    <message>
        <source>Load config</source>
        <translation>载入配置</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n key(s) from the Hugging Face config.</source>
        <translation><numerusform>从 Hugging Face 配置导入了 %n 个键。</numerusform></translation>
    </message>
    <message>
        <source>Not supported by Seekbench, so the model differs from the original: %1</source>
        <translation>Seekbench 不支持以下键，因此模型与原模型不同：%1</translation>
    </message>
    <message>
        <source>Ignored (no effect here): %1</source>
        <translation>已忽略（在此无作用）：%1</translation>
    </message>
    <message>
        <source>Import Hugging Face config</source>
        <translation>导入 Hugging Face 配置</translation>
    </message>
    <message>
        <source>Edit YAML</source>
        <translation>编辑 YAML</translation>
    </message>
    <message>
        <source>The config is empty.</source>
        <translation>配置为空。</translation>
    </message>
    <message>
        <source>The YAML text is valid YAML for a run config.</source>
        <translation>YAML 文本是有效的运行配置。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::DemoOffer</name>
    <message>
        <source>No predictive maintenance results in this project yet</source>
        <translation>此项目中还没有预测性维护结果</translation>
    </message>
    <message>
        <source>No alerts in this project yet</source>
        <translation>本项目还没有警报</translation>
    </message>
    <message>
        <source>Machine health, failure alerts and maintenance policies come from a sensor model trained on a fleet of the project. Set up the demo here: a fleet of 40 machines is simulated and the model is trained and evaluated as a run of this project (a minute or two; its curves show in the main window). Or bring your own readings with seekbench-cli pdm import.</source>
        <translation>设备健康状况、故障告警和维护策略来自在本项目某个机群上训练的传感器模型。可在此设置演示：模拟一个含 40 台设备的机群，并作为本项目的一次运行训练和评估模型（约一两分钟；其曲线显示在主窗口中）。也可以用 seekbench-cli pdm import 导入你自己的读数。</translation>
    </message>
    <message>
        <source>Alerts come from an AML model trained on the project's transfers. Set up the demo here: synthetic transfers with planted laundering rings are generated and the graph model is trained as a run of this project (a few minutes; its curves show in the main window). Or launch your own AML config from Runs &gt; Launch run.</source>
        <translation>警报来自在项目转账数据上训练的反洗钱模型。可在此设置演示：生成含预置洗钱团伙的合成转账数据，并把图模型作为本项目的一次运行来训练（几分钟；其曲线显示在主窗口中）。也可以通过“运行 &gt; 启动运行”启动您自己的反洗钱配置。</translation>
    </message>
    <message>
        <source>Set up the predictive maintenance demo</source>
        <translation>设置预测性维护演示</translation>
    </message>
    <message>
        <source>Set up the AML demo</source>
        <translation>设置反洗钱演示</translation>
    </message>
    <message>
        <source>The project is read-only: no data can be generated in it.</source>
        <translation>项目为只读：无法在其中生成数据。</translation>
    </message>
    <message>
        <source>Cannot set up the demo: %1</source>
        <translation>无法设置演示：%1</translation>
    </message>
    <message>
        <source>No knowledge graph in this project yet</source>
        <translation>此项目中还没有知识图谱</translation>
    </message>
    <message>
        <source>A knowledge graph is built from the entities and relations a model extracts from clinical text. Set up the demo here: a clinical corpus of 600 documents is generated from a synthetic ontology, the entity and relation model is trained as a run of this project (about half a minute; its curves show in the main window) and its graph is stored. Or import an annotated corpus with seekbench-cli kg import.</source>
        <translation>知识图谱由模型从临床文本中抽取的实体和关系构建而成。在此设置演示：从一个合成本体生成包含 600 篇文档的临床语料，实体和关系模型作为此项目的一次运行进行训练（约半分钟；其曲线显示在主窗口中），并存储其图谱。也可以用 seekbench-cli kg import 导入带标注的语料。</translation>
    </message>
    <message>
        <source>Set up the knowledge graph demo</source>
        <translation>设置知识图谱演示</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::DemoSetup</name>
    <message>
        <source>Simulating the demo fleet…</source>
        <translation>正在模拟演示机群…</translation>
    </message>
    <message>
        <source>Generating the demo transactions…</source>
        <translation>正在生成演示交易…</translation>
    </message>
    <message>
        <source>Demo data cancelled: the project is there without it.</source>
        <translation>已取消演示数据：项目已创建，但不含演示数据。</translation>
    </message>
    <message>
        <source>Training the sensor model: step %1 of %2…</source>
        <translation>正在训练传感器模型：第 %1 步，共 %2 步…</translation>
    </message>
    <message>
        <source>Training the graph model and XGBoost: step %1 of %2…</source>
        <translation>正在训练图模型和 XGBoost：第 %1 步，共 %2 步…</translation>
    </message>
    <message>
        <source>Generating the demo data failed: %1</source>
        <translation>生成演示数据失败：%1</translation>
    </message>
    <message>
        <source>Training the sensor model, then XGBoost and the baselines…</source>
        <translation>正在训练传感器模型，随后训练 XGBoost 和各基线…</translation>
    </message>
    <message>
        <source>Training the graph model and XGBoost…</source>
        <translation>正在训练图模型和 XGBoost…</translation>
    </message>
    <message>
        <source>Training the demo model failed: %1</source>
        <translation>训练演示模型失败：%1</translation>
    </message>
    <message>
        <source>The demo data and its alerts are ready.</source>
        <translation>演示数据及其警报已就绪。</translation>
    </message>
    <message>
        <source>Generating the demo clinical corpus…</source>
        <translation>正在生成演示临床语料…</translation>
    </message>
    <message>
        <source>Training the entity and relation model: step %1 of %2…</source>
        <translation>正在训练实体和关系模型：第 %1 步，共 %2 步…</translation>
    </message>
    <message>
        <source>Training the entity and relation model, then building the graph…</source>
        <translation>正在训练实体和关系模型，然后构建图谱…</translation>
    </message>
    <message>
        <source>The demo corpus and its knowledge graph are ready.</source>
        <translation>演示语料及其知识图谱已就绪。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::EstimatesPanel</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source> (%1 M)</source>
        <translation>（%1 M）</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Memory budget</source>
        <translation>内存预算</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器状态</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Largest batch</source>
        <translation>最大批次</translation>
    </message>
    <message>
        <source>fp16 (needs CUDA)</source>
        <translation>fp16（需要 CUDA）</translation>
    </message>
    <message>
        <source>Estimated for comparison; training in fp16 needs a CUDA build and a CUDA device.</source>
        <translation>仅供比较的估算；fp16 训练需要支持 CUDA 的构建和 CUDA 设备。</translation>
    </message>
    <message>
        <source>active per token: %1</source>
        <translation>每个 token 激活：%1</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <source>These are the estimates of the last valid config; fix the problems to update them.</source>
        <translation>以下是最后一个有效配置的估算；修复问题后会更新。</translation>
    </message>
    <message>
        <source>No memory estimate for this model from the config alone: the AML graph model passes messages over all of the project's transactions and accounts every step, so its memory grows with the data. Weights, gradients and optimizer state are exact; the launcher does not check this run against the free memory.</source>
        <translation>仅凭配置无法估算此模型的内存：AML 图模型每一步都要在项目的全部交易和账户上传递消息，因此其内存随数据增长。权重、梯度和优化器状态是精确值；启动器不会将此运行与空闲内存进行比对。</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>无估算</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>The memory of the card to fit, in GiB as nvidia-smi counts it (a 24 GB card has about 24 GiB); the last column is the largest micro-batch whose estimate fits it.</source>
        <translation>要容纳的显卡内存，以 nvidia-smi 的 GiB 计（24 GB 的显卡约为 24 GiB）；最后一列是估算能放下的最大微批次。</translation>
    </message>
    <message>
        <source>Step matmuls</source>
        <translation>单步矩阵乘法</translation>
    </message>
    <message>
        <source>The matrix multiplications of one training step at the speed this machine measured for them in each precision: a lower bound on the step time, since norms, softmax and the optimizer add to it.</source>
        <translation>按本机在各精度下实测的速度计算的单个训练步的矩阵乘法耗时：这是步耗时的下限，归一化、softmax 和优化器还会另外耗时。</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 GFLOP/s measured for a %2 GEMM on %n thread(s)</source>
        <translation><numerusform>在 %n 个线程上实测 %2 GEMM 为 %1 GFLOP/s</numerusform></translation>
    </message>
    <message>
        <source>Measured for CPU runs only.</source>
        <translation>仅对 CPU 运行进行测量。</translation>
    </message>
    <message>
        <source>fp16 trains on CUDA only.</source>
        <translation>fp16 只能在 CUDA 上训练。</translation>
    </message>
    <message>
        <source>precision: auto trains in bf16 on a CUDA device with bf16 tensor cores (compute capability 8.0 or later), else in fp32.</source>
        <translation>precision: auto 在具有 bf16 张量核心（计算能力 8.0 及以上）的 CUDA 设备上使用 bf16 训练，否则使用 fp32。</translation>
    </message>
    <message>
        <source>precision: auto trains in %1 on this machine: bf16 runs its GEMMs %2x as fast as fp32 here (auto takes bf16 from %3x).</source>
        <translation>precision: auto 在本机上使用 %1 训练：在这里 bf16 的 GEMM 速度是 fp32 的 %2 倍（达到 %3 倍时 auto 才选用 bf16）。</translation>
    </message>
    <message>
        <source>Measuring fp32 against bf16 on this machine…</source>
        <translation>正在本机上比较 fp32 与 bf16 的速度…</translation>
    </message>
    <message>
        <source>No step-time estimate: the fp32/bf16 measurement failed (%1).</source>
        <translation>没有步耗时估计：fp32/bf16 测量失败（%1）。</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>With precision: auto this config would train in %1 on this machine: bf16 runs its GEMMs %2x as fast as fp32 here (auto takes bf16 from %3x).</source>
        <translation>若设为 precision: auto，此配置在本机上会使用 %1 训练：在这里 bf16 的 GEMM 速度是 fp32 的 %2 倍（达到 %3 倍时 auto 才选用 bf16）。</translation>
    </message>
    <message>
        <source>No size or memory estimate for this model from the config alone: the sensor model's input width is the fleet's sensors and its windows come from the fleet, both read when training starts. The launcher does not check this run against the free memory.</source>
        <translation>仅凭配置无法估算此模型的规模和内存：传感器模型的输入宽度取决于机群的传感器，其窗口也来自机群，二者都在训练开始时读取。启动器不会将此运行与空闲内存进行比对。</translation>
    </message>
    <message>
        <source>Peak training memory at batch %1: weights, optimizer state, and the larger of gradients and activations (backward frees activations as it makes gradients)</source>
        <translation>批次为 %1 时的训练内存峰值：权重、优化器状态，以及梯度与激活中较大的一项（反向传播在生成梯度的同时释放激活）</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ExportModelDialog</name>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Write the trained model of run &lt;b&gt;%1&lt;/b&gt; as files another program can load.</source>
        <translation>将运行 &lt;b&gt;%1&lt;/b&gt; 训练好的模型写成其他程序可以加载的文件。</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>safetensors + config.json (Hugging Face names)</source>
        <translation>safetensors + config.json（Hugging Face 命名）</translation>
    </message>
    <message>
        <source>TorchScript (torch.jit.load)</source>
        <translation>TorchScript（torch.jit.load）</translation>
    </message>
    <message>
        <source>&amp;Checkpoint:</source>
        <translation>检查点(&amp;C)：</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Best (marked by evaluation)</source>
        <translation>最佳（由评估标记）</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>runs/&lt;id&gt;/exports/&lt;format&gt;-step&lt;N&gt; (default)</source>
        <translation>runs/&lt;id&gt;/exports/&lt;格式&gt;-step&lt;N&gt;（默认）</translation>
    </message>
    <message>
        <source>A folder inside the project, relative to it. Empty: beside the run.</source>
        <translation>项目内的文件夹，相对于项目路径。留空：放在该运行旁边。</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>model.pt: forward(input_ids) returns the logits, as the run's model does; Python's torch.jit.load or a LibTorch program loads it without Seekbench.</source>
        <translation>model.pt：forward(input_ids) 返回 logits，与该运行的模型一致；Python 的 torch.jit.load 或 LibTorch 程序无需 Seekbench 即可加载。</translation>
    </message>
    <message>
        <source>model.safetensors with every tensor of the model, and config.json with the architecture and the run's config.</source>
        <translation>model.safetensors 包含模型的全部张量，config.json 包含架构和该运行的配置。</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message numerus="yes">
        <source>Exported step %1 (%n tensor(s), %2 parameters):</source>
        <translation><numerusform>已导出第 %1 步（%n 个张量，%2 个参数）：</numerusform></translation>
    </message>
    <message>
        <source>INT8 against fp32 on the run's eval data: %1 %2 -&gt; %3; %4 -&gt; %5; batch 1 %6 -&gt; %7 ms; batch 32 %8 -&gt; %9 ms.</source>
        <translation>INT8 与 fp32 在该运行评估数据上的对比：%1 %2 -&gt; %3；%4 -&gt; %5；批次 1 %6 -&gt; %7 毫秒；批次 32 %8 -&gt; %9 毫秒。</translation>
    </message>
    <message>
        <source>Triton model repository + Kubernetes manifests</source>
        <translation>Triton 模型仓库 + Kubernetes 清单</translation>
    </message>
    <message>
        <source>&amp;INT8 (dynamic quantization of the linear layers, compared with fp32)</source>
        <translation>INT8（线性层动态量化，并与 fp32 对比）(&amp;I)</translation>
    </message>
    <message>
        <source>A Triton repository (config.pbtxt, 1/model.pt, README.md) with dynamic batching, and Kubernetes manifests to serve it (Deployment with health probes, Service, autoscaler).</source>
        <translation>带动态批处理的 Triton 仓库（config.pbtxt、1/model.pt、README.md），以及用于部署服务的 Kubernetes 清单（带健康探针的 Deployment、Service、自动扩缩容）。</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>token accuracy</source>
        <translation>token 准确率</translation>
    </message>
    <message>
        <source>next-token accuracy</source>
        <translation>下一 token 准确率</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>ONNX (ONNX Runtime, opset 13)</source>
        <translation>ONNX（ONNX Runtime，opset 13）</translation>
    </message>
    <message>
        <source>model.onnx (opset 13): input_ids [batch, sequence] gives the logits, with any batch size and sequence length; ONNX Runtime or Triton's ONNX Runtime backend loads it without Seekbench.</source>
        <translation>model.onnx（opset 13）：由 input_ids [batch, sequence] 得到 logits，批大小和序列长度均可变；ONNX Runtime 或 Triton 的 ONNX Runtime 后端无需 Seekbench 即可加载。</translation>
    </message>
    <message>
        <source>This run's model (data.kind '%1') is not one this Seekbench trains, so it cannot export it; export it with the Seekbench that trained it.</source>
        <translation>此运行的模型（data.kind '%1'）不是本 Seekbench 所训练的模型，因此无法导出；请用训练它的 Seekbench 导出。</translation>
    </message>
    <message>
        <source>model.onnx (opset 13): image [batch, 1, 28, 28], normalised as in training, gives the ten class logits, with any batch size; ONNX Runtime or Triton's ONNX Runtime backend loads it without Seekbench.</source>
        <translation>model.onnx（opset 13）：输入 image [batch, 1, 28, 28]（按训练时的方式归一化），输出十个类别的 logits，批大小任意；ONNX Runtime 或 Triton 的 ONNX Runtime 后端无需 Seekbench 即可加载。</translation>
    </message>
    <message>
        <source>model.onnx (opset 16): one transaction graph as eight tensors (config.json names each) gives each scored transaction's logit; ONNX Runtime or Triton's ONNX Runtime backend loads it without Seekbench.</source>
        <translation>model.onnx（opset 16）：以八个张量表示的一张交易图（config.json 给出每个张量的名称）输出每笔被评分交易的 logit；ONNX Runtime 或 Triton 的 ONNX Runtime 后端无需 Seekbench 即可加载。</translation>
    </message>
    <message>
        <source>A Triton repository (config.pbtxt, 1/model.pt, README.md) for one graph per request (a graph is not batched), and Kubernetes manifests to serve it (Deployment with health probes, Service, autoscaler).</source>
        <translation>一个 Triton 模型仓库（config.pbtxt、1/model.pt、README.md），每个请求一张图（图不做批处理），以及部署它的 Kubernetes 清单（带健康探针的 Deployment、Service、自动扩缩容）。</translation>
    </message>
    <message>
        <source>model.pt: forward(image) returns the ten class logits, as the run's model decides; Python's torch.jit.load or a LibTorch program loads it without Seekbench.</source>
        <translation>model.pt：forward(image) 返回十个类别的 logits，与该运行的模型的判定一致；Python 的 torch.jit.load 或 LibTorch 程序无需 Seekbench 即可加载。</translation>
    </message>
    <message>
        <source>model.pt: forward takes one transaction graph as eight tensors (config.json names each) and returns each scored transaction's logit; Python's torch.jit.load or a LibTorch program loads it without Seekbench.</source>
        <translation>model.pt：forward 接收以八个张量表示的一张交易图（config.json 给出每个张量的名称），返回每笔被评分交易的 logit；Python 的 torch.jit.load 或 LibTorch 程序无需 Seekbench 即可加载。</translation>
    </message>
    <message>
        <source>PR-AUC</source>
        <translation>PR-AUC</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::FleetHealthModel</name>
    <message>
        <source>Machine %1 of run %2 cannot be shown: %3</source>
        <translation>运行 %2 的设备 %1 无法显示：%3</translation>
    </message>
    <message>
        <source>its sparkline holds a value that is not a number</source>
        <translation>其迷你趋势图中含有非数值</translation>
    </message>
    <message numerus="yes">
        <source>the run has %n threshold(s) for its failure modes</source>
        <translation><numerusform>该运行的故障模式有 %n 个阈值</numerusform></translation>
    </message>
    <message>
        <source>its failure mode %1 is not one of the run's %2 modes</source>
        <translation>其故障模式 %1 不在该运行的 %2 个模式之中</translation>
    </message>
    <message>
        <source>Highest failure score now: %1 for %2 (its threshold: %3)</source>
        <translation>当前最高故障分数：%1，对应%2（其阈值：%3）</translation>
    </message>
    <message>
        <source>Failure risk over the machine's history (the highest score of each period, 0 to 100%)</source>
        <translation>设备历史上的故障风险（每个时段的最高分数，0 到 100%）</translation>
    </message>
    <message>
        <source>Sorted by how much the risk rose from the first to the last period</source>
        <translation>按风险从第一个时段到最后一个时段的上升幅度排序</translation>
    </message>
    <message>
        <source>The highest failure score of the machine's latest window, over the failure modes</source>
        <translation>设备最新窗口在各故障模式上的最高故障分数</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>数据划分</translation>
    </message>
    <message>
        <source>Risk now</source>
        <translation>当前风险</translation>
    </message>
    <message>
        <source>Likely failure</source>
        <translation>可能的故障</translation>
    </message>
    <message>
        <source>Predicted RUL</source>
        <translation>预测剩余寿命</translation>
    </message>
    <message>
        <source>Peak risk</source>
        <translation>峰值风险</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>最后读数</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::FleetOverview</name>
    <message>
        <source>No run to show.</source>
        <translation>没有可显示的运行。</translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s)</source>
        <translation><numerusform>%n 台设备</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n at risk now (above their threshold)</source>
        <translation><numerusform>%n 台当前处于风险中（超过其阈值）</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation><numerusform>%n 条告警</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failure(s) in the log</source>
        <translation><numerusform>日志中 %n 次故障</numerusform></translation>
    </message>
    <message>
        <source>Machines:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Search machines by name</source>
        <translation>按名称搜索设备</translation>
    </message>
    <message>
        <source>Only test machines' figures are held out.</source>
        <translation>只有测试设备的指标是留出数据。</translation>
    </message>
    <message>
        <source>Training machines taught the model and validation machines tuned its thresholds; only the test machines show how it does on machines it has not seen.</source>
        <translation>训练设备用于训练模型，验证设备用于调整阈值；只有测试设备能说明模型在未见过的设备上的表现。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::HelpMenu</name>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>The user guide (README.md) is not installed beside Seekbench; it is the README of the source tree.</source>
        <translation>用户指南（README.md）未随 Seekbench 安装；它是源码树中的 README。</translation>
    </message>
    <message>
        <source>Open %1 in a viewer of your choice.</source>
        <translation>请用您选择的查看器打开 %1。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Seekbench</source>
        <translation>关于 Seekbench(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Zoom a chart's steps</source>
        <translation>缩放图表的步数轴</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>滚轮</translation>
    </message>
    <message>
        <source>Zoom a chart's values</source>
        <translation>缩放图表的数值轴</translation>
    </message>
    <message>
        <source>Ctrl+Wheel</source>
        <translation>Ctrl+滚轮</translation>
    </message>
    <message>
        <source>Reset a chart's view</source>
        <translation>重置图表视图</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>About Seekbench</source>
        <translation>关于 Seekbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Seekbench %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for DeepSeek-style models: configure, train on this machine or a Slurm cluster, watch and compare runs, inspect attention, and explore the scenario models.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Seekbench %1&lt;/h3&gt;&lt;p&gt;面向 DeepSeek 风格模型的桌面工作台：配置模型，在本机或 Slurm 集群上训练，观察并比较运行，查看注意力，探索各场景模型的结果。&lt;/p&gt;&lt;p&gt;基于 Qt %2 与 LibTorch 构建。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::InspectionClient</name>
    <message>
        <source>The inspection helper %1 could not start: %2</source>
        <translation>检查辅助进程 %1 无法启动：%2</translation>
    </message>
    <message>
        <source>The inspection helper sent a bad reply: %1</source>
        <translation>检查辅助进程返回了无效的回复：%1</translation>
    </message>
    <message>
        <source>The inspection helper stopped (exit code %1)</source>
        <translation>检查辅助进程已停止（退出码 %1）</translation>
    </message>
    <message>
        <source>The inspection helper stopped: %1</source>
        <translation>检查辅助进程已停止：%1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::KgDocumentView</name>
    <message>
        <source>Sentence %1 of document %2, evidence for %3</source>
        <translation>文档 %2 的句子 %1，%3 的证据</translation>
    </message>
    <message>
        <source>Sentence %1 is cited by the edge but not stored with the graph.</source>
        <translation>该边引用了句子 %1，但它未随图谱存储。</translation>
    </message>
    <message>
        <source>No sentence picked</source>
        <translation>未选择句子</translation>
    </message>
    <message>
        <source>Click an edge in the graph, or a relation in Details: its most confident evidence sentence shows here with the entities and relations the model found, beside the rest of its document.</source>
        <translation>点击图谱中的一条边，或“详情”中的一条关系：其置信度最高的证据句子将显示在这里，带有模型找到的实体和关系，并附上所在文档的其余部分。</translation>
    </message>
    <message>
        <source>The rest of the document</source>
        <translation>文档的其余部分</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::KgExplorerToolbar</name>
    <message>
        <source>Search by name or synonym…</source>
        <translation>按名称或同义词搜索…</translation>
    </message>
    <message>
        <source>Concepts:</source>
        <translation>概念：</translation>
    </message>
    <message>
        <source>Relations:</source>
        <translation>关系：</translation>
    </message>
    <message>
        <source>Confidence ≥ %1</source>
        <translation>置信度 ≥ %1</translation>
    </message>
    <message>
        <source>Hides the edges whose aggregated confidence is below this.</source>
        <translation>隐藏聚合置信度低于此值的边。</translation>
    </message>
    <message>
        <source>Contradictions only</source>
        <translation>仅矛盾</translation>
    </message>
    <message>
        <source>Only the edges flagged for review: a drug said to treat a disease and to be contraindicated for it.</source>
        <translation>仅显示标记待审核的边：某药物既被说成治疗某疾病，又被说成对其禁忌。</translation>
    </message>
    <message>
        <source>Candidates only</source>
        <translation>仅候选</translation>
    </message>
    <message>
        <source>Only the concepts not linked to the ontology (new candidates, to review), with their neighbours.</source>
        <translation>仅显示未链接到本体的概念（新候选，待审核）及其相邻节点。</translation>
    </message>
    <message>
        <source>Show neighbourhood only</source>
        <translation>仅显示邻域</translation>
    </message>
    <message>
        <source>Double-click a concept to expand its neighbourhood; with this on, the rest of the graph is hidden.</source>
        <translation>双击概念以展开其邻域；开启此项后，图谱的其余部分将被隐藏。</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Shows the whole graph (Home).</source>
        <translation>显示整个图谱（Home 键）。</translation>
    </message>
    <message>
        <source>Clear focus</source>
        <translation>清除聚焦</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::KgGraphLoader</name>
    <message>
        <source>Project %1 has no knowledge graph %2.</source>
        <translation>项目 %1 中没有知识图谱 %2。</translation>
    </message>
    <message>
        <source>Cannot read knowledge graph %1 of project %2: %3</source>
        <translation>无法读取项目 %2 的知识图谱 %1：%3</translation>
    </message>
    <message>
        <source>Cannot read the sentences of knowledge graph %1 of project %2: %3</source>
        <translation>无法读取项目 %2 中知识图谱 %1 的句子：%3</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::KgWindow</name>
    <message>
        <source>Cannot list the knowledge graphs of project %1: %2</source>
        <translation>无法列出项目 %1 的知识图谱：%2</translation>
    </message>
    <message>
        <source>no run</source>
        <translation>无运行</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>%1 — %2, %3, %L4 nodes / %L5 edges</source>
        <translation>%1 — %2，%3，%L4 个节点 / %L5 条边</translation>
    </message>
    <message>
        <source>Knowledge graph — %1 — %2</source>
        <translation>知识图谱 — %1 — %2</translation>
    </message>
    <message>
        <source>Knowledge graph — %1</source>
        <translation>知识图谱 — %1</translation>
    </message>
    <message>
        <source>Graph:</source>
        <translation>图谱：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Lists the project's graphs again.</source>
        <translation>重新列出项目的图谱。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Rare disease</source>
        <translation>罕见病</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>By hand: seekbench-cli kg generate --project %1 --name clinical --documents 600
then: seekbench-cli kg train --project %1 --config configs/kg_demo.yaml</source>
        <translation>手动操作：seekbench-cli kg generate --project %1 --name clinical --documents 600
然后：seekbench-cli kg train --project %1 --config configs/kg_demo.yaml</translation>
    </message>
    <message>
        <source>No knowledge graph in this project yet.</source>
        <translation>此项目中还没有知识图谱。</translation>
    </message>
    <message>
        <source>Shown: %L1 of %L2 concepts, %L3 of %L4 relations · %L5 contradicted edges · %L6 candidate concepts · %L7 relations rejected by verification</source>
        <translation>显示：%L2 个概念中的 %L1 个，%L4 条关系中的 %L3 条 · %L5 条矛盾边 · %L6 个候选概念 · %L7 条关系被验证拒绝</translation>
    </message>
    <message>
        <source>Cannot search the graph: %1</source>
        <translation>无法搜索图谱：%1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 — %2 · %3</source>
        <translation>%1 — %2 · %3</translation>
    </message>
    <message>
        <source>No concept of this graph is called “%1”.</source>
        <translation>此图谱中没有名为“%1”的概念。</translation>
    </message>
    <message>
        <source>Cannot expand the neighbourhood: %1</source>
        <translation>无法展开邻域：%1</translation>
    </message>
    <message>
        <source>The new nodes could not be placed: %1</source>
        <translation>无法放置新节点：%1</translation>
    </message>
    <message>
        <source>Corpus %1, extractor %2, built %3</source>
        <translation>语料 %1，抽取器 %2，构建于 %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Laying out %L1 nodes…</source>
        <translation>正在布局 %L1 个节点…</translation>
    </message>
    <message>
        <source>The graph could not be laid out: %1</source>
        <translation>无法对图谱布局：%1</translation>
    </message>
    <message>
        <source>The layout gave %1 positions for %2 nodes.</source>
        <translation>布局为 %2 个节点给出了 %1 个位置。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::LaunchDialog</name>
    <message>
        <source>Launch a run</source>
        <translation>启动运行</translation>
    </message>
    <message>
        <source>YAML file…</source>
        <translation>YAML 文件…</translation>
    </message>
    <message>
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Choose a run config</source>
        <translation>选择运行配置</translation>
    </message>
    <message>
        <source>YAML configs (*.yaml *.yml)</source>
        <translation>YAML 配置 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>The config is valid.</source>
        <translation>配置有效。</translation>
    </message>
    <message>
        <source>Launch is refused until these problems are fixed:
%1</source>
        <translation>在修复以下问题之前无法启动：
%1</translation>
    </message>
    <message>
        <source>Cannot save the config to %1</source>
        <translation>无法将配置保存到 %1</translation>
    </message>
    <message>
        <source>Choose a preset or a file…</source>
        <translation>选择预设或文件…</translation>
    </message>
    <message>
        <source>Hugging Face config.json…</source>
        <translation>Hugging Face config.json…</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Choose a Hugging Face config.json</source>
        <translation>选择 Hugging Face config.json</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Cannot open the config</source>
        <translation>无法打开配置</translation>
    </message>
    <message>
        <source>Cannot import the Hugging Face config</source>
        <translation>无法导入 Hugging Face 配置</translation>
    </message>
    <message>
        <source>%1:
%2</source>
        <translation>%1：
%2</translation>
    </message>
    <message>
        <source>Start the run with this config.</source>
        <translation>用此配置启动运行。</translation>
    </message>
    <message>
        <source>Disabled: %1</source>
        <translation>已禁用：%1</translation>
    </message>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation><numerusform>（另有 %n 个）</numerusform></translation>
    </message>
    <message>
        <source>Unsaved edits from %1 (run “%2”) were kept as a draft. Restore them?</source>
        <translation>%1 的未保存编辑（运行“%2”）已保存为草稿。是否恢复？</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>运行位置</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::LaunchTargetPicker</name>
    <message>
        <source>Slurm job script</source>
        <translation>Slurm 作业脚本</translation>
    </message>
    <message>
        <source>This machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Local processes (data parallel)</source>
        <translation>本机多进程（数据并行）</translation>
    </message>
    <message>
        <source>Slurm cluster</source>
        <translation>Slurm 集群</translation>
    </message>
    <message>
        <source> processes</source>
        <translation> 个进程</translation>
    </message>
    <message>
        <source>Show job script…</source>
        <translation>查看作业脚本…</translation>
    </message>
    <message>
        <source>The sbatch options and the batch script that would be submitted</source>
        <translation>将要提交的 sbatch 选项和批处理脚本</translation>
    </message>
    <message>
        <source>%1 cores here: each process gets its share.</source>
        <translation>本机有 %1 个核心：每个进程分得其中一份。</translation>
    </message>
    <message>
        <source>No cluster profile: save one as clusters/&lt;name&gt;.yaml in the project (see seekbench-cli slurm).</source>
        <translation>没有集群配置：请在项目中保存为 clusters/&lt;名称&gt;.yaml（参见 seekbench-cli slurm）。</translation>
    </message>
    <message>
        <source>Choose a cluster profile (a YAML file in the project's clusters/ folder).</source>
        <translation>请选择集群配置（项目 clusters/ 文件夹中的 YAML 文件）。</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The job script cannot be made: %1</source>
        <translation>无法生成作业脚本：%1</translation>
    </message>
    <message>
        <source>sbatch arguments (passed as separate words, no shell):</source>
        <translation>sbatch 参数（逐个作为独立参数传递，不经过 shell）：</translation>
    </message>
    <message>
        <source>Batch script:</source>
        <translation>批处理脚本：</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::LogView</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation><numerusform>%n 处匹配</numerusform></translation>
    </message>
    <message>
        <source>Search the log (Enter: next match)</source>
        <translation>搜索日志（回车：下一处）</translation>
    </message>
    <message>
        <source>Select one run to see its log.</source>
        <translation>选择一个运行以查看其日志。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::MachineCharts</name>
    <message>
        <source>%1 (cycles)</source>
        <translation>%1（周期）</translation>
    </message>
    <message>
        <source>%1 (days)</source>
        <translation>%1（天）</translation>
    </message>
    <message>
        <source>Failure score (dashed: thresholds)</source>
        <translation>故障评分（虚线：阈值）</translation>
    </message>
    <message>
        <source>Predicted RUL</source>
        <translation>预测剩余寿命</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3 – %4
Attention %5</source>
        <translation>第 %1 步（共 %2 步）：%3 – %4
注意力 %5</translation>
    </message>
    <message>
        <source>Whole history</source>
        <translation>全部历史</translation>
    </message>
    <message>
        <source>Zoom to the window</source>
        <translation>缩放到窗口</translation>
    </message>
    <message>
        <source>Show the selected window, what came before it and, for a true alert, its failure</source>
        <translation>显示所选窗口、其之前的数据，以及（对真实告警）其对应的故障</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>No attention kept for this window</source>
        <translation>此窗口未保存注意力</translation>
    </message>
    <message>
        <source>scheduled maintenance</source>
        <translation>计划维护</translation>
    </message>
    <message>
        <source>corrective maintenance</source>
        <translation>纠正性维护</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>selected alert</source>
        <translation>所选告警</translation>
    </message>
    <message>
        <source>its failure</source>
        <translation>其对应故障</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::MachineLoader</name>
    <message>
        <source>Run %1 has no predictive maintenance results in this project.</source>
        <translation>运行 %1 在此项目中没有预测性维护结果。</translation>
    </message>
    <message>
        <source>Machine %1 is not in run %2 (the run has %3 machines).</source>
        <translation>设备 %1 不在运行 %2 中（该运行共有 %3 台设备）。</translation>
    </message>
    <message>
        <source>Cannot read the results of run %1: %2</source>
        <translation>无法读取运行 %1 的结果：%2</translation>
    </message>
    <message>
        <source>Fleet %1 of this run is no longer in the project: no sensor readings to show.</source>
        <translation>此运行的机群 %1 已不在项目中：没有可显示的传感器读数。</translation>
    </message>
    <message>
        <source>The fleet file %1 is missing: no sensor readings to show.</source>
        <translation>机群文件 %1 缺失：没有可显示的传感器读数。</translation>
    </message>
    <message>
        <source>The fleet file %1 has changed since the run: the readings shown may not be the ones the run saw.</source>
        <translation>机群文件 %1 在运行之后已被修改：显示的读数可能与运行时所用的不同。</translation>
    </message>
    <message>
        <source>Cannot look up fleet %1: %2</source>
        <translation>无法查找机群 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the fleet file: %1</source>
        <translation>无法读取机群文件：%1</translation>
    </message>
    <message>
        <source>The fleet file %1 has no machine %2 where the run had it: no sensor readings to show.</source>
        <translation>机群文件 %1 中运行所用位置上没有设备 %2：没有可显示的传感器读数。</translation>
    </message>
    <message>
        <source>Cannot read the readings of %1: %2</source>
        <translation>无法读取 %1 的读数：%2</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::MachineView</name>
    <message>
        <source>Case report saved to %1</source>
        <translation>案例报告已保存到 %1</translation>
    </message>
    <message>
        <source>Machine %1</source>
        <translation>设备 %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Cannot open this machine</source>
        <translation>无法打开此设备</translation>
    </message>
    <message>
        <source>Alert %1 is not one of this machine's alerts; showing its latest.</source>
        <translation>告警 %1 不属于此设备；显示其最新告警。</translation>
    </message>
    <message>
        <source>%1 — run %2</source>
        <translation>%1 — 运行 %2</translation>
    </message>
    <message>
        <source>test machine, held out from training and threshold tuning</source>
        <translation>测试设备，未参与训练和阈值调整</translation>
    </message>
    <message>
        <source>validation machine (thresholds tuned on it)</source>
        <translation>验证设备（阈值在其上调整）</translation>
    </message>
    <message>
        <source>training machine</source>
        <translation>训练设备</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 · risk now %2 · predicted RUL %3 · alerts: %4 · failures: %5</source>
        <translation>%1 · 当前风险 %2 · 预测剩余寿命 %3 · 告警：%4 · 故障：%5</translation>
    </message>
    <message>
        <source>last window</source>
        <translation>最后一个窗口</translation>
    </message>
    <message>
        <source>false alert</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>LSTM embedding %1</source>
        <translation>LSTM 嵌入 %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Contributions are kept for alerts: select an alert to see why it was raised.</source>
        <translation>仅为告警保存贡献：选择一条告警以查看其触发原因。</translation>
    </message>
    <message>
        <source>%1
value %2
contribution %3 log-odds</source>
        <translation>%1
取值 %2
贡献 %3（对数几率）</translation>
    </message>
    <message>
        <source>Bias %1 + contributions = %2 log-odds: score %3 for %4</source>
        <translation>偏置 %1 + 各项贡献 = %2（对数几率）：%4 评分 %3</translation>
    </message>
    <message>
        <source>No contributions were kept for this alert.</source>
        <translation>此告警未保存贡献。</translation>
    </message>
    <message>
        <source>Save case report</source>
        <translation>保存案例报告</translation>
    </message>
    <message>
        <source>Web page (*.html);;PDF document (*.pdf)</source>
        <translation>网页 (*.html);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the case report…</source>
        <translation>正在写入案例报告…</translation>
    </message>
    <message>
        <source>Save case report…</source>
        <translation>保存案例报告…</translation>
    </message>
    <message>
        <source>Alerts of this machine</source>
        <translation>此设备的告警</translation>
    </message>
    <message>
        <source>Attention per sensor (selected window)</source>
        <translation>各传感器注意力（所选窗口）</translation>
    </message>
    <message>
        <source>Why the model alerted (XGBoost contributions)</source>
        <translation>模型为何告警（XGBoost 贡献）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>故障模式</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Lead time</source>
        <translation>提前时间</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>数据划分</translation>
    </message>
    <message>
        <source>No attention kept for this window</source>
        <translation>此窗口未保存注意力</translation>
    </message>
    <message>
        <source>raises the failure score</source>
        <translation>提高故障评分</translation>
    </message>
    <message>
        <source>lowers it</source>
        <translation>降低评分</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Across the fleet it relies most on: %1</source>
        <translation>在整个机群上它最依赖：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>%1 — Seekbench</source>
        <translation>%1 — Seekbench</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) died while Seekbench was closed and are marked crashed</source>
        <translation><numerusform>Seekbench 关闭期间有 %n 个运行意外终止，已标记为崩溃</numerusform></translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Runs are still training</source>
        <translation>仍有运行在训练</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) of this project are still training. Leave them running? You can reattach to them by opening the project again.</source>
        <translation><numerusform>此项目中有 %n 个运行仍在训练。是否让它们继续运行？重新打开项目即可再次连接到它们。</numerusform></translation>
    </message>
    <message>
        <source>Leave running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>Stop them</source>
        <translation>停止它们</translation>
    </message>
    <message>
        <source>Attention &amp;inspector…</source>
        <translation>注意力检查器(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Anti-money laundering…</source>
        <translation>反洗钱(&amp;A)…</translation>
    </message>
    <message>
        <source>%1 (read-only) — Seekbench</source>
        <translation>%1（只读）— Seekbench</translation>
    </message>
    <message>
        <source>Read-only project</source>
        <translation>只读项目</translation>
    </message>
    <message>
        <source>You cannot write this project's folder or its run store (a read-only file system, or permissions).</source>
        <translation>您无法写入此项目的文件夹或其运行存储（只读文件系统或权限不足）。</translation>
    </message>
    <message>
        <source>Another process holds this project's writer lock.</source>
        <translation>另一个进程持有此项目的写入锁。</translation>
    </message>
    <message>
        <source>Its runs can be viewed, compared and exported, but not launched, resumed, tagged, noted, renamed or deleted.</source>
        <translation>可以查看、比较和导出其运行，但不能启动、恢复、添加标签、添加备注、重命名或删除。</translation>
    </message>
    <message>
        <source>&amp;Predictive maintenance…</source>
        <translation>预测性维护(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Knowledge graph…</source>
        <translation>知识图谱(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ModeBar</name>
    <message>
        <source>Modes</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Runs: launch, watch and compare training runs (%1)</source>
        <translation>运行：启动、观察和比较训练运行（%1）</translation>
    </message>
    <message>
        <source>Sweeps</source>
        <translation>超参数搜索</translation>
    </message>
    <message>
        <source>Sweeps: hyperparameter searches, their trials and charts (%1)</source>
        <translation>超参数搜索：搜索、其试验和图表（%1）</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::NewProjectDialog</name>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <source>Choose a folder for the project.</source>
        <translation>请为项目选择一个文件夹。</translation>
    </message>
    <message>
        <source>Cannot create the project: %1</source>
        <translation>无法创建项目：%1</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::PdmAlertsPanel</name>
    <message>
        <source>cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>machine %1</source>
        <translation>设备 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) shown of %1 in run %2</source>
        <translation><numerusform>显示 %n 条告警（运行 %2 共 %1 条）</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n before a failure</source>
        <translation><numerusform>%n 条发生在故障之前</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n false</source>
        <translation><numerusform>%n 条误报</numerusform></translation>
    </message>
    <message>
        <source>false alert</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>Threshold of its mode: %1</source>
        <translation>其模式的阈值：%1</translation>
    </message>
    <message>
        <source>Machines:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Test (held out)</source>
        <translation>测试（留出）</translation>
    </message>
    <message>
        <source>Failure mode:</source>
        <translation>故障模式：</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>告警：</translation>
    </message>
    <message>
        <source>Before a failure</source>
        <translation>故障之前</translation>
    </message>
    <message>
        <source>False alerts</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Failure mode</source>
        <translation>故障模式</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Lead time</source>
        <translation>提前时间</translation>
    </message>
    <message>
        <source>One lane per failure mode; height: score; colour and size: how far above its threshold (blue just above, orange well above, red far above). A line to a cross: the lead time to the failure the alert matched. Wheel: zoom, drag: pan, double-click: all. Click an alert to open its machine; the table lists the alerts in view.</source>
        <translation>每个故障模式一条泳道；高度表示分数；颜色和大小表示超出阈值的程度（蓝色略高于阈值，橙色明显高于，红色远高于）。连到叉号的线表示告警到其匹配故障的提前时间。滚轮缩放，拖动平移，双击显示全部。单击告警打开其设备；表格列出视图中的告警。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::PdmRunLoader</name>
    <message>
        <source>Run %1 has no predictive maintenance results.</source>
        <translation>运行 %1 没有预测性维护结果。</translation>
    </message>
    <message>
        <source>Cannot read run %1: %2</source>
        <translation>无法读取运行 %1：%2</translation>
    </message>
    <message>
        <source>Cannot list the predictive maintenance runs: %1</source>
        <translation>无法列出预测性维护运行：%1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::PdmWindow</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 — fleet %2, %3</source>
        <translation>%1 — 机群 %2，%3</translation>
    </message>
    <message>
        <source>No predictive maintenance results in this project yet.</source>
        <translation>此项目中还没有预测性维护结果。</translation>
    </message>
    <message>
        <source>cycles</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Predictive maintenance — %1</source>
        <translation>预测性维护 — %1</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>机群</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>维护策略</translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s), alerts: %1; times in %2; prediction horizon %3</source>
        <translation><numerusform>%n 台设备，告警：%1；时间单位：%2；预测时域 %3</numerusform></translation>
    </message>
</context>
<context>
    <name>seekbench::ui::PolicyChart</name>
    <message>
        <source>No replay yet.</source>
        <translation>尚无重放结果。</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <source>%1 k</source>
        <translation>%1 k</translation>
    </message>
    <message>
        <source>Downtime (hours)</source>
        <translation>停机时间（小时）</translation>
    </message>
    <message>
        <source>Unplanned</source>
        <translation>计划外</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划内</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>停机</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>备件</translation>
    </message>
    <message>
        <source>Crew</source>
        <translation>人工</translation>
    </message>
    <message>
        <source>Out of date: the last valid settings' results</source>
        <translation>已过时：显示的是上一次有效设置的结果</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Reactive</source>
        <translation>事后维修</translation>
    </message>
    <message>
        <source>Fixed schedule, every %1 days</source>
        <translation>定期维护，每 %1 天</translation>
    </message>
    <message>
        <source>Predictive</source>
        <translation>预测性维护</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Avoided failures</source>
        <translation>避免的故障</translation>
    </message>
    <message>
        <source>Planned actions</source>
        <translation>计划性维护次数</translation>
    </message>
    <message>
        <source>Wasted actions</source>
        <translation>无效维护次数</translation>
    </message>
    <message>
        <source>Unplanned downtime (h)</source>
        <translation>计划外停机（小时）</translation>
    </message>
    <message>
        <source>Planned downtime (h)</source>
        <translation>计划停机（小时）</translation>
    </message>
    <message>
        <source>Downtime (h)</source>
        <translation>停机时间（小时）</translation>
    </message>
    <message>
        <source>Downtime cost</source>
        <translation>停机成本</translation>
    </message>
    <message>
        <source>Parts cost</source>
        <translation>备件成本</translation>
    </message>
    <message>
        <source>Crew cost</source>
        <translation>人工成本</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>总成本</translation>
    </message>
    <message>
        <source>Fixed schedule
every %1 days</source>
        <translation>定期维护
每 %1 天</translation>
    </message>
    <message>
        <source>vs reactive</source>
        <translation>对比事后维修</translation>
    </message>
    <message>
        <source>vs fixed
schedule</source>
        <translation>对比
定期维护</translation>
    </message>
    <message>
        <source>Article
(car plant)</source>
        <translation>文章
（汽车工厂）</translation>
    </message>
    <message>
        <source>Unplanned downtime</source>
        <translation>计划外停机</translation>
    </message>
    <message>
        <source>All downtime</source>
        <translation>全部停机</translation>
    </message>
    <message>
        <source>Maintenance cost</source>
        <translation>维护成本</translation>
    </message>
    <message>
        <source>The reference article's figure, from a car plant.</source>
        <translation>参考文章中的数据，来自一家汽车工厂。</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Total cost on validation</source>
        <translation>验证集上的总成本</translation>
    </message>
    <message>
        <source>%1 days (chosen)</source>
        <translation>%1 天（已选）</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Each interval's total cost when replayed on the validation machines. The cheapest, every %1 days, is the one replayed on the test machines.</source>
        <translation>各周期在验证设备上重放的总成本。成本最低的周期（每 %1 天）用于在测试设备上重放。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::PolicyView</name>
    <message>
        <source>Maintenance policies</source>
        <translation>维护策略</translation>
    </message>
    <message>
        <source>Choose a predictive maintenance run to replay its test period under three policies.</source>
        <translation>请选择一个预测性维护运行，以三种策略重放其测试期。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Unplanned downtime cost</source>
        <translation>计划外停机成本</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> /小时</translation>
    </message>
    <message>
        <source>What an hour of unplanned downtime costs: a machine stopped by a failure (lost production, overtime, knock-on delays). In your currency.</source>
        <translation>一小时计划外停机的成本：设备因故障停机（产量损失、加班、连锁延误）。以您的货币计。</translation>
    </message>
    <message>
        <source>Planned downtime cost</source>
        <translation>计划停机成本</translation>
    </message>
    <message>
        <source>What an hour of planned downtime costs: a machine stopped for a scheduled or alert-driven action. In your currency.</source>
        <translation>一小时计划停机的成本：设备因定期维护或告警触发的维护而停机。以您的货币计。</translation>
    </message>
    <message>
        <source>Parts cost</source>
        <translation>备件成本</translation>
    </message>
    <message>
        <source> per action</source>
        <translation> /次</translation>
    </message>
    <message>
        <source>Parts used by one action, a corrective repair after a failure or a planned one. In your currency.</source>
        <translation>一次维护所用的备件，无论是故障后的纠正性维修还是计划性维护。以您的货币计。</translation>
    </message>
    <message>
        <source>Crew cost</source>
        <translation>人工成本</translation>
    </message>
    <message>
        <source>Crew labour for one action, corrective or planned. In your currency.</source>
        <translation>一次维护（纠正性或计划性）的维修人员人工费用。以您的货币计。</translation>
    </message>
    <message>
        <source>Repair after a failure</source>
        <translation>故障后维修</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>How long a machine stands still after a failure until it is repaired.</source>
        <translation>设备故障后停机直至修复所需的时间。</translation>
    </message>
    <message>
        <source>Planned action</source>
        <translation>计划性维护</translation>
    </message>
    <message>
        <source>How long a machine stands still for one planned action.</source>
        <translation>一次计划性维护使设备停机的时间。</translation>
    </message>
    <message>
        <source> a day</source>
        <translation> 次/天</translation>
    </message>
    <message>
        <source>Crew capacity</source>
        <translation>维修班组能力</translation>
    </message>
    <message>
        <source>Predictive policy: planned actions the crews can do a day across the whole fleet. Crews act at the start of each day on the alerts ready by then, highest score first; the others wait for the next day.</source>
        <translation>预测性策略：维修班组每天在整个机群中可执行的计划性维护次数。班组在每天开始时处理届时已就绪的告警，分数最高者优先；其余的等到第二天。</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>Predictive policy: time from an alert to the earliest action on it (reading the alert, getting parts, planning the stop).</source>
        <translation>预测性策略：从告警发出到最早可对其采取行动的时间（查看告警、准备备件、安排停机）。</translation>
    </message>
    <message>
        <source>Preventable window</source>
        <translation>可预防窗口</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Fixed schedule: how long before a failure its wear is visible and fixable. A scheduled action in that window avoids the failure; an earlier one does not.</source>
        <translation>定期维护：故障发生前多久其磨损即可被发现并修复。在此窗口内的定期维护可避免该故障；更早的则不能。</translation>
    </message>
    <message>
        <source>Schedule intervals (days)</source>
        <translation>维护周期（天）</translation>
    </message>
    <message>
        <source>Fixed schedule: the intervals, in days, to choose from. Each is tried on the validation machines and the cheapest is replayed on the test machines (on a tie, the longer one). Separate them with commas or spaces; a point for decimals.</source>
        <translation>定期维护：可供选择的维护周期，以天为单位。每个周期都在验证设备上试算，成本最低者在测试设备上重放（成本相同时取较长者）。用逗号或空格分隔；小数用小数点。</translation>
    </message>
    <message>
        <source>One cycle lasts</source>
        <translation>一个周期时长</translation>
    </message>
    <message>
        <source>Hours one cycle stands for, so that hourly costs and days apply to a fleet counted in cycles.</source>
        <translation>一个周期相当于多少小时，以便按小时计的成本和天数适用于以周期计时的机群。</translation>
    </message>
    <message>
        <source>Reset to the run's settings</source>
        <translation>恢复为运行的设置</translation>
    </message>
    <message>
        <source>Puts back the settings the run was evaluated with.</source>
        <translation>恢复该运行评估时使用的设置。</translation>
    </message>
    <message>
        <source>Fixed schedule tuning</source>
        <translation>定期维护周期调优</translation>
    </message>
    <message>
        <source>Test period, per policy</source>
        <translation>测试期，按策略</translation>
    </message>
    <message>
        <source>Predictive maintenance against the others</source>
        <translation>预测性维护与其他策略对比</translation>
    </message>
    <message>
        <source>The article's figures come from a car plant. Ours come from replaying this fleet's test period and will differ: the fleet is simulated, the costs are the ones set here, the crews can act on only so many machines a day, and the predictive policy acts on this model's alerts, false ones included.</source>
        <translation>文章的数据来自一家汽车工厂。我们的数据来自重放本机群的测试期，结果会有所不同：机群是模拟的，成本采用此处的设置，维修班组每天只能处理有限台设备，且预测性策略依据的是本模型的告警（包括误报）。</translation>
    </message>
    <message>
        <source>Loading run %1…</source>
        <translation>正在加载运行 %1…</translation>
    </message>
    <message>
        <source>Run %1 has no predictive maintenance results in this project.</source>
        <translation>运行 %1 在此项目中没有预测性维护结果。</translation>
    </message>
    <message>
        <source>%1 — fleet %2: the test period of %3 machines replayed, with %4 of the model's alerts.</source>
        <translation>%1 — 机群 %2：重放了 %3 台设备的测试期，含模型的 %4 条告警。</translation>
    </message>
    <message>
        <source>Run %1's policy replay cannot be read: %2</source>
        <translation>无法读取运行 %1 的策略重放：%2</translation>
    </message>
    <message>
        <source>No policy replay for run %1</source>
        <translation>运行 %1 没有策略重放</translation>
    </message>
    <message>
        <source>Schedule intervals</source>
        <translation>维护周期</translation>
    </message>
    <message>
        <source>%1: enter at least one interval in days, e.g. 7, 14, 30.</source>
        <translation>%1：请至少输入一个以天为单位的周期，例如 7, 14, 30。</translation>
    </message>
    <message>
        <source>%1: “%2” is not a positive number of days.</source>
        <translation>%1：“%2”不是正的天数。</translation>
    </message>
    <message>
        <source>The settings are not valid: %1</source>
        <translation>设置无效：%1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ProvenancePanel</name>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持数</translation>
    </message>
    <message>
        <source>No knowledge graph yet</source>
        <translation>尚无知识图谱</translation>
    </message>
    <message>
        <source>Build one from a corpus with: seekbench-cli kg build --project DIR --corpus NAME (or from a trained run with --run RUN_ID), then open it here.</source>
        <translation>用命令 seekbench-cli kg build --project DIR --corpus NAME 从语料构建一个（或用 --run RUN_ID 从训练好的运行构建），然后在这里打开。</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择任何内容</translation>
    </message>
    <message>
        <source>Select an edge or a node in the graph to see the sentences behind it.</source>
        <translation>在图中选择一条边或一个节点，查看其背后的句子。</translation>
    </message>
    <message>
        <source>(node %1 is not in the graph)</source>
        <translation>（节点 %1 不在图中）</translation>
    </message>
    <message>
        <source>Confidence %1 · %2 · edge %3</source>
        <translation>置信度 %1 · %2 · 边 %3</translation>
    </message>
    <message>
        <source>Contradicted: review</source>
        <translation>存在矛盾：请复核</translation>
    </message>
    <message>
        <source>Contradicts: %1 (confidence %2)</source>
        <translation>与之矛盾：%1（置信度 %2）</translation>
    </message>
    <message>
        <source>No evidence sentences are recorded for this edge.</source>
        <translation>这条边没有记录证据句子。</translation>
    </message>
    <message>
        <source>Showing the %1 most confident of %2 evidence sentences.</source>
        <translation>显示 %2 个证据句子中置信度最高的 %1 个。</translation>
    </message>
    <message>
        <source>%1 evidence sentences.</source>
        <translation>%1 个证据句子。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>confidence %1</source>
        <translation>置信度 %1</translation>
    </message>
    <message>
        <source>negated: counts against</source>
        <translation>否定：作为反证</translation>
    </message>
    <message>
        <source>hedged</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>%1: text not stored</source>
        <translation>%1：未存储文本</translation>
    </message>
    <message>
        <source>%1 of them are not stored in the project.</source>
        <translation>其中 %1 个未存储在项目中。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 mentions</source>
        <translation>%1 · %2 · 提及 %3 次</translation>
    </message>
    <message>
        <source>Not in the ontology: review</source>
        <translation>不在本体中：请复核</translation>
    </message>
    <message>
        <source>No surface forms recorded.</source>
        <translation>没有记录表面形式。</translation>
    </message>
    <message>
        <source>Forms seen in the text: %1</source>
        <translation>文本中出现的写法：%1</translation>
    </message>
    <message>
        <source>%1 → (%2)</source>
        <translation>%1 →（%2）</translation>
    </message>
    <message>
        <source>← %1 (%2)</source>
        <translation>← %1（%2）</translation>
    </message>
    <message>
        <source>%1 (contradicted: review)</source>
        <translation>%1（存在矛盾：请复核）</translation>
    </message>
    <message>
        <source>Double-click or press Enter to see the evidence of this edge.</source>
        <translation>双击或按回车键查看这条边的证据。</translation>
    </message>
    <message>
        <source>This node has no edges in the graph.</source>
        <translation>该节点在图中没有边。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RareDiseasePanel</name>
    <message>
        <source>Rank</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Type a symptom, a synonym or a misspelling…</source>
        <translation>输入症状、同义词或拼写变体…</translation>
    </message>
    <message>
        <source>Optional: a gene found by sequencing</source>
        <translation>可选：测序发现的基因</translation>
    </message>
    <message>
        <source>Disease</source>
        <translation>疾病</translation>
    </message>
    <message>
        <source>Rare</source>
        <translation>罕见</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Symptoms matched</source>
        <translation>匹配的症状</translation>
    </message>
    <message>
        <source>Gene</source>
        <translation>基因</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Observed symptoms</source>
        <translation>观察到的症状</translation>
    </message>
    <message>
        <source>No knowledge graph yet</source>
        <translation>尚无知识图谱</translation>
    </message>
    <message>
        <source>Build one with: seekbench-cli kg build --project DIR --corpus NAME (or from a trained run with --run RUN_ID), then open it here to rank diseases from symptoms.</source>
        <translation>用命令 seekbench-cli kg build --project DIR --corpus NAME 构建一个（或用 --run RUN_ID 从训练好的运行构建），然后在这里打开，根据症状对疾病排序。</translation>
    </message>
    <message>
        <source>Pick the symptoms seen, then Rank.</source>
        <translation>选择观察到的症状，然后点击“排序”。</translation>
    </message>
    <message>
        <source>Ranking…</source>
        <translation>正在排序…</translation>
    </message>
    <message>
        <source>rare</source>
        <translation>罕见</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No disease in the graph has any of these symptoms.</source>
        <translation>图中没有疾病具有这些症状中的任何一个。</translation>
    </message>
    <message>
        <source>%1 diseases ranked.</source>
        <translation>已对 %1 种疾病排序。</translation>
    </message>
    <message>
        <source>Ignored (not in this graph): %1</source>
        <translation>已忽略（不在此图中）：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (contradicted: review)</source>
        <translation>%1（存在矛盾：请复核）</translation>
    </message>
    <message>
        <source>Click to see the sentences behind this edge.</source>
        <translation>点击查看这条边背后的句子。</translation>
    </message>
    <message>
        <source>Explanatory paths</source>
        <translation>解释路径</translation>
    </message>
    <message>
        <source>Treatments</source>
        <translation>治疗</translation>
    </message>
    <message>
        <source>Contraindications</source>
        <translation>禁忌</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ReportDialog</name>
    <message>
        <source>No application opens %1.</source>
        <translation>没有可以打开 %1 的应用程序。</translation>
    </message>
    <message>
        <source>Updating the preview…</source>
        <translation>正在更新预览…</translation>
    </message>
    <message>
        <source>Comparison report</source>
        <translation>对比报告</translation>
    </message>
    <message>
        <source>Run report</source>
        <translation>运行报告</translation>
    </message>
    <message numerus="yes">
        <source>A comparison of %n run(s) (%1): overlaid curves, the metrics against the baseline and the config differences, with how every number was obtained.</source>
        <translation><numerusform>对比 %n 个运行（%1）：叠加的曲线、相对基线的指标和配置差异，并说明每个数字的来源。</numerusform></translation>
    </message>
    <message>
        <source>A report on run &lt;b&gt;%1&lt;/b&gt; that a colleague can read without Seekbench, saying how every number was obtained.</source>
        <translation>关于运行 &lt;b&gt;%1&lt;/b&gt; 的报告：同事无需 Seekbench 即可阅读，并说明每个数字的来源。</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Default: comparison of the runs</source>
        <translation>默认：运行对比</translation>
    </message>
    <message>
        <source>Default: the run's name</source>
        <translation>默认：运行名称</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Shown under the title</source>
        <translation>显示在标题下方</translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation>基线(&amp;B)：</translation>
    </message>
    <message>
        <source>No baseline</source>
        <translation>无基线</translation>
    </message>
    <message>
        <source>The run the config is compared with (and, in a comparison, the metrics).</source>
        <translation>用于比较配置的运行（在对比报告中也用于比较指标）。</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Every report says how its numbers were obtained: versions, data fingerprint, checkpoint hash and the command that reproduces the run.</source>
        <translation>每份报告都说明其数字的来源：版本、数据指纹、检查点哈希以及复现该运行的命令。</translation>
    </message>
    <message>
        <source>The run's own notes (Runs &gt; Note…), when it has any.</source>
        <translation>运行自身的备注（运行 &gt; 备注…），如果有的话。</translation>
    </message>
    <message>
        <source>&amp;Logo:</source>
        <translation>标志(&amp;L)：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>PDF, A4</source>
        <translation>PDF，A4</translation>
    </message>
    <message>
        <source>PDF, Letter</source>
        <translation>PDF，Letter</translation>
    </message>
    <message>
        <source>HTML (one self-contained file)</source>
        <translation>HTML（单个自包含文件）</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>保存为(&amp;S)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>A path relative to the project folder, or an absolute one.</source>
        <translation>相对于项目文件夹的路径，或绝对路径。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open report</source>
        <translation>打开报告(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>The report template %1 cannot be used, so the defaults are shown: %2. Saving a report replaces it with these choices.</source>
        <translation>无法使用报告模板 %1，因此显示默认设置：%2。保存报告时会用当前选择替换该模板。</translation>
    </message>
    <message>
        <source>The logo is drawn on PDF reports; an HTML report has none.</source>
        <translation>标志只绘制在 PDF 报告上；HTML 报告没有标志。</translation>
    </message>
    <message>
        <source>An image beside the title, kept inside the project folder.</source>
        <translation>标题旁的图片，保存在项目文件夹内。</translation>
    </message>
    <message>
        <source>The preview cannot be drawn: %1</source>
        <translation>无法绘制预览：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), drawn in %1 ms. The HTML file has the same content.</source>
        <translation><numerusform>共 %n 页，绘制用时 %1 毫秒。HTML 文件的内容与之相同。</numerusform></translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>选择标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.svg)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.gif *.svg)</translation>
    </message>
    <message>
        <source>The logo was copied into the project as %1, so the report template can be shared with the project.</source>
        <translation>标志已复制到项目中，保存为 %1，这样报告模板可以随项目一起共享。</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>将报告保存为</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Choose the file to save the report as.</source>
        <translation>请选择报告要保存到的文件。</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换该文件？</translation>
    </message>
    <message>
        <source>%1 exists. Replace it with this report?</source>
        <translation>%1 已存在。要用此报告替换它吗？</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>The report was not saved to %1: %2</source>
        <translation>报告未能保存到 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 (%n page(s), %2).</source>
        <translation><numerusform>已保存 %1（共 %n 页，%2）。</numerusform></translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation>已保存 %1（%2）。</translation>
    </message>
    <message>
        <source>The choices were not kept in %1: %2</source>
        <translation>这些选择未能保存到 %1：%2</translation>
    </message>
    <message>
        <source>It is not listed in the project's reports: %1</source>
        <translation>它未列入项目的报告中：%1</translation>
    </message>
    <message>
        <source>Sweep report</source>
        <translation>扫参报告</translation>
    </message>
    <message>
        <source>A report on sweep &lt;b&gt;%1&lt;/b&gt;: its best trials, the objective over the trials, parallel coordinates and parameter importance, with the commands that recreate the sweep.</source>
        <translation>关于扫参 &lt;b&gt;%1&lt;/b&gt; 的报告：最佳试验、目标值随试验的变化、平行坐标和参数重要性，以及重新创建该扫参的命令。</translation>
    </message>
    <message>
        <source>Default: the sweep's name</source>
        <translation>默认：扫参名称</translation>
    </message>
    <message>
        <source>&amp;Best trials:</source>
        <translation>最佳试验数(&amp;B)：</translation>
    </message>
    <message>
        <source>How many of the best trials the report's table lists.</source>
        <translation>报告表格中列出的最佳试验数量。</translation>
    </message>
    <message>
        <source>Every report says how its numbers were obtained: versions, the search space as created and the commands that recreate the sweep.</source>
        <translation>每份报告都说明其数字的来源：版本、创建时的搜索空间以及重新创建该扫参的命令。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ReportsPanel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the report with the application this desktop uses for it.</source>
        <translation>用桌面为此类文件设置的应用程序打开报告。</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Open a project to see its reports.</source>
        <translation>打开一个项目以查看其报告。</translation>
    </message>
    <message>
        <source>No reports yet. Select a run, or several to compare them, and choose Runs &gt; Report…; the reports are saved in the project's reports folder.</source>
        <translation>还没有报告。选择一个运行（或选择多个进行对比），然后选择“运行 &gt; 报告…”；报告保存在项目的 reports 文件夹中。</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>sweep</source>
        <translation>超参数搜索</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>No application opens %1.</source>
        <translation>没有可以打开 %1 的应用程序。</translation>
    </message>
    <message>
        <source>Delete report</source>
        <translation>删除报告</translation>
    </message>
    <message>
        <source>%1 cannot be deleted.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>涵盖</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>AML case</source>
        <translation>反洗钱案例</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation><numerusform>%n 个运行</numerusform></translation>
    </message>
    <message>
        <source>changed since saved</source>
        <translation>保存后已更改</translation>
    </message>
    <message>
        <source>file missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>The file differs from the one saved: its size or SHA-256 changed.</source>
        <translation>该文件与保存时不同：其大小或 SHA-256 已改变。</translation>
    </message>
    <message>
        <source>The file is gone; Delete forgets the report.</source>
        <translation>该文件已不存在；“删除”会让项目忘记这份报告。</translation>
    </message>
    <message>
        <source>A file in the reports folder that the project has no record of.</source>
        <translation>reports 文件夹中的一个文件，项目中没有它的记录。</translation>
    </message>
    <message>
        <source>Forget the report %1? Its file is already gone; the runs it describes stay.</source>
        <translation>忘记报告 %1？其文件已不存在；报告所描述的运行会保留。</translation>
    </message>
    <message>
        <source>Delete the report %1? The file is removed and the project forgets it; the runs it describes stay.</source>
        <translation>删除报告 %1？文件将被移除，项目也会忘记它；报告所描述的运行会保留。</translation>
    </message>
    <message>
        <source>The project still lists %1: %2</source>
        <translation>项目仍列出 %1：%2</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunActions</name>
    <message>
        <source>&amp;Launch run…</source>
        <translation>启动运行(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Stop run</source>
        <translation>停止运行(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Resume run</source>
        <translation>继续运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clone and edit…</source>
        <translation>克隆并编辑(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Delete run…</source>
        <translation>删除运行(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Tag…</source>
        <translation>标签(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>备注(&amp;N)…</translation>
    </message>
    <message>
        <source>Pin as compare &amp;baseline</source>
        <translation>设为对比基线(&amp;B)</translation>
    </message>
    <message>
        <source>Launch refused</source>
        <translation>已拒绝启动</translation>
    </message>
    <message>
        <source>Starting run %1…</source>
        <translation>正在启动运行 %1…</translation>
    </message>
    <message>
        <source>%1 (clone)</source>
        <translation>%1（克隆）</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Delete run “%1”? Its folder moves to the project's trash folder; its rows leave the store.</source>
        <translation>删除运行“%1”？其文件夹将移入项目的回收站文件夹，其记录将从存储中移除。</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Tags, separated by spaces:</source>
        <translation>标签（以空格分隔）：</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes on this run:</source>
        <translation>此运行的备注：</translation>
    </message>
    <message>
        <source>Compare baseline</source>
        <translation>对比基线</translation>
    </message>
    <message>
        <source>Baseline run:</source>
        <translation>基线运行：</translation>
    </message>
    <message>
        <source>Re-run e&amp;xactly</source>
        <translation>完全重新运行(&amp;X)</translation>
    </message>
    <message>
        <source>Start a new run with the same config, seeds and data as this one.</source>
        <translation>以相同的配置、随机种子和数据启动一个新运行。</translation>
    </message>
    <message>
        <source>%1 (re-run)</source>
        <translation>%1（重新运行）</translation>
    </message>
    <message>
        <source>The config snapshot of run %1 cannot be read.</source>
        <translation>无法读取运行 %1 的配置快照。</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>T&amp;une this run…</source>
        <translation>调优此运行(&amp;U)…</translation>
    </message>
    <message>
        <source>Create a sweep over this run's hyperparameters, starting from its config.</source>
        <translation>以此运行的配置为起点，创建一个针对其超参数的超参数搜索。</translation>
    </message>
    <message>
        <source>E&amp;xport model…</source>
        <translation>导出模型(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the run's trained model as safetensors, TorchScript (fp32 or INT8) or a Triton repository.</source>
        <translation>将该运行训练好的模型写成 safetensors、TorchScript（fp32 或 INT8）或 Triton 仓库。</translation>
    </message>
    <message>
        <source>Ser&amp;ve model…</source>
        <translation>部署服务(&amp;V)…</translation>
    </message>
    <message>
        <source>Serve one of the run's TorchScript exports over HTTP (KServe v2) and watch its request rate and latency.</source>
        <translation>通过 HTTP（KServe v2）部署该运行的某个 TorchScript 导出，并观察其请求速率和延迟。</translation>
    </message>
    <message>
        <source>Re&amp;port…</source>
        <translation>报告(&amp;P)…</translation>
    </message>
    <message>
        <source>A report of the run, or a comparison of the selected runs, as PDF or HTML: curves, metrics, config and how every number was obtained.</source>
        <translation>将运行的报告或所选运行的对比报告保存为 PDF 或 HTML：曲线、指标、配置，以及每个数字的来源。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunController</name>
    <message>
        <source>the run could not be stopped</source>
        <translation>无法停止该运行</translation>
    </message>
    <message>
        <source>the run could not be resumed</source>
        <translation>无法继续该运行</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunCurveProvider</name>
    <message>
        <source> · rank %1</source>
        <translation> · 进程 %1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunFilesView</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Made by: %1</source>
        <translation>生成命令：%1</translation>
    </message>
    <message>
        <source>No files recorded for this run yet. Checkpoints appear as it trains; Runs &gt; Export model… adds model files.</source>
        <translation>此运行尚未记录任何文件。训练过程中会出现检查点；“运行 &gt; 导出模型…”会添加模型文件。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunLauncher</name>
    <message>
        <source>seekbench-cli was not found at %1</source>
        <translation>在 %1 找不到 seekbench-cli</translation>
    </message>
    <message>
        <source>the run process exited before it created a run</source>
        <translation>运行进程在创建运行记录之前就退出了</translation>
    </message>
    <message>
        <source>This run needs about %1 MiB of memory for training, but only %2 MiB are free.</source>
        <translation>此运行训练约需 %1 MiB 内存，但当前仅有 %2 MiB 可用。</translation>
    </message>
    <message>
        <source>Choose a cluster profile (a YAML file in the project's clusters/ folder).</source>
        <translation>请选择集群配置（项目 clusters/ 文件夹中的 YAML 文件）。</translation>
    </message>
    <message>
        <source>The Slurm submission failed: %1</source>
        <translation>Slurm 提交失败：%1</translation>
    </message>
    <message>
        <source>The Slurm submission named a bad run: %1</source>
        <translation>Slurm 提交返回了无效的运行：%1</translation>
    </message>
    <message>
        <source>this model has no memory estimate from its config (its memory grows with the project's transactions and accounts), so it was not checked against the %1 MiB free</source>
        <translation>此模型无法仅凭配置估算内存（其内存随项目的交易和账户增长），因此未与空闲的 %1 MiB 内存进行比对</translation>
    </message>
    <message>
        <source>this model has no memory estimate from its config (its size and windows come from the fleet), so it was not checked against the %1 MiB free</source>
        <translation>此模型无法仅凭配置估算内存（其规模和窗口来自机群），因此未与空闲的 %1 MiB 内存进行比对</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunView</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Loss (train, eval)</source>
        <translation>损失（训练、评估）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Throughput (samples/s)</source>
        <translation>吞吐量（样本/秒）</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>内存（MiB）</translation>
    </message>
    <message>
        <source>CPU (% of one core)</source>
        <translation>CPU（单核的百分比）</translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation>未选择运行</translation>
    </message>
    <message>
        <source>GPU memory from the CUDA allocator and NVML</source>
        <translation>GPU 内存来自 CUDA 分配器和 NVML</translation>
    </message>
    <message>
        <source>Waiting for the run's first system sample…</source>
        <translation>正在等待该运行的第一个系统采样…</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) compared</source>
        <translation><numerusform>对比 %n 个运行</numerusform></translation>
    </message>
    <message>
        <source>Curves overlaid; the compare tab shows differences against the baseline.</source>
        <translation>曲线已叠加显示；“对比”页列出与基线的差异。</translation>
    </message>
    <message>
        <source>no progress yet</source>
        <translation>尚无进度</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>best %1 %2 (step %3)</source>
        <translation>最佳 %1 %2（第 %3 步）</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2&lt;pre&gt;%3&lt;/pre&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2&lt;pre&gt;%3&lt;/pre&gt;</translation>
    </message>
    <message>
        <source>Per-rank curves</source>
        <translation>各进程曲线</translation>
    </message>
    <message>
        <source>Distributed runs: one curve per rank for figures each rank reports (throughput, step time, memory) instead of rank 0's</source>
        <translation>分布式运行：对每个进程各自报告的指标（吞吐量、步时间、内存）按进程分别绘制曲线，而不只显示 0 号进程</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>cloned from %1</source>
        <translation>克隆自 %1</translation>
    </message>
    <message>
        <source>No GPU figures (%1): the training process's resident memory (RSS) is shown</source>
        <translation>没有 GPU 数据（%1）：显示的是训练进程的常驻内存（RSS）</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunsMode</name>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Run %1 started</source>
        <translation>运行 %1 已启动</translation>
    </message>
    <message>
        <source>Launch failed</source>
        <translation>启动失败</translation>
    </message>
    <message>
        <source>Launch failed: %1</source>
        <translation>启动失败：%1</translation>
    </message>
    <message>
        <source>Run %1 did not stop in time and was killed</source>
        <translation>运行 %1 未能及时停止，已被强制结束</translation>
    </message>
    <message>
        <source>Run %1 stopped</source>
        <translation>运行 %1 已停止</translation>
    </message>
    <message>
        <source>Run %1 resumed</source>
        <translation>运行 %1 已继续</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Run diverged</source>
        <translation>运行发散</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Run finished</source>
        <translation>运行已完成</translation>
    </message>
    <message>
        <source>Run failed</source>
        <translation>运行失败</translation>
    </message>
    <message>
        <source>stopping %1: kill in %2 s</source>
        <translation>正在停止 %1：%2 秒后强制结束</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source> (ETA %1)</source>
        <translation>（预计剩余 %1）</translation>
    </message>
    <message numerus="yes">
        <source>starting %n run(s)</source>
        <translation><numerusform>正在启动 %n 个运行</numerusform></translation>
    </message>
    <message>
        <source>No runs running</source>
        <translation>没有正在进行的运行</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>进行中：%1</translation>
    </message>
    <message>
        <source>%1 is queued: the machine's cores are taken by running runs</source>
        <translation>%1 已排队：本机的 CPU 核心正被运行中的任务占用</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) queued</source>
        <translation><numerusform>%n 个运行排队中</numerusform></translation>
    </message>
    <message>
        <source>%1: memory not checked: %2</source>
        <translation>%1：未检查内存：%2</translation>
    </message>
    <message>
        <source>Welcome to Seekbench</source>
        <translation>欢迎使用 Seekbench</translation>
    </message>
    <message>
        <source>Open a project folder, or create a project from a template: DeepSeek-style transformers (dense and mixture of experts) on a text task, or anti-money laundering with its synthetic transfers.</source>
        <translation>打开一个项目文件夹，或从模板创建项目：在文本任务上训练 DeepSeek 风格的 Transformer（稠密与混合专家），或使用合成转账数据的反洗钱项目。</translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation>尚无运行</translation>
    </message>
    <message>
        <source>Launch a run from one of the project's configs: its loss, learning rate and memory appear here live. Or start from a template with example data.</source>
        <translation>用项目中的某个配置启动一次运行：其损失、学习率和内存会实时显示在这里。也可以从带示例数据的模板开始。</translation>
    </message>
    <message>
        <source>New project from a template…</source>
        <translation>从模板新建项目…</translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation>未选择运行</translation>
    </message>
    <message>
        <source>Select a run in the Runs list to see its curves; select several to compare them.</source>
        <translation>在“运行”列表中选择一个运行以查看其曲线；选择多个即可比较。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>报告已保存：%1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunsTableModel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>已崩溃</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source> · ETA %1</source>
        <translation> · 预计剩余 %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation>%1（最终）</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunsTableView</name>
    <message>
        <source>Filter runs by name, id, tag or note</source>
        <translation>按名称、ID、标签或备注筛选运行</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Right-click to choose the columns</source>
        <translation>右键单击以选择显示的列</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Final metrics</source>
        <translation>最终指标</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ServeDialog</name>
    <message>
        <source>Serve model</source>
        <translation>部署模型服务</translation>
    </message>
    <message>
        <source>Serve an export of run &lt;b&gt;%1&lt;/b&gt; over HTTP with the KServe v2 protocol (as Triton), with dynamic batching. The server keeps running when this window closes; &lt;i&gt;Stop&lt;/i&gt; ends it.</source>
        <translation>通过 HTTP 以 KServe v2 协议（与 Triton 相同）部署运行 &lt;b&gt;%1&lt;/b&gt; 的一个导出，并启用动态批处理。关闭此窗口后服务器继续运行；点击&lt;i&gt;停止&lt;/i&gt;才会结束它。</translation>
    </message>
    <message>
        <source>&amp;Export:</source>
        <translation>导出(&amp;E)：</translation>
    </message>
    <message>
        <source>A TorchScript export (fp32 or INT8) or a Triton repository's model folder.</source>
        <translation>TorchScript 导出（fp32 或 INT8），或 Triton 仓库中的模型文件夹。</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Max &amp;batch size:</source>
        <translation>最大批次(&amp;B)：</translation>
    </message>
    <message>
        <source>Max queue &amp;delay:</source>
        <translation>最长排队延迟(&amp;D)：</translation>
    </message>
    <message>
        <source> µs</source>
        <translation> 微秒</translation>
    </message>
    <message>
        <source>&amp;Instances:</source>
        <translation>实例数(&amp;I)：</translation>
    </message>
    <message>
        <source>D&amp;ynamic batching</source>
        <translation>动态批处理(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>启动(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>This run has no TorchScript export yet: export it first (Runs &gt; Export model…, TorchScript or Triton).</source>
        <translation>此运行还没有 TorchScript 导出：请先导出（运行 &gt; 导出模型…，选择 TorchScript 或 Triton）。</translation>
    </message>
    <message>
        <source>Starting (process %1)…</source>
        <translation>正在启动（进程 %1）…</translation>
    </message>
    <message>
        <source>Stopping: the server answers its queued requests, then exits…</source>
        <translation>正在停止：服务器先应答已排队的请求，然后退出…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>The server stopped: %1</source>
        <translation>服务器已停止：%1</translation>
    </message>
    <message>
        <source>%1 requests/s · p50 %2 ms · p99 %3 ms · mean batch %4 · errors %5/s</source>
        <translation>%1 请求/秒 · p50 %2 毫秒 · p99 %3 毫秒 · 平均批次 %4 · 错误 %5/秒</translation>
    </message>
    <message>
        <source>Serving (process %1) at %2; metrics at %3/metrics.</source>
        <translation>正在服务（进程 %1）：%2；指标：%3/metrics。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>语言（重启后生效）</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Stop: kill after</source>
        <translation>停止：超时后强制结束</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies when Seekbench restarts.</source>
        <translation>新的语言将在 Seekbench 重启后生效。</translation>
    </message>
    <message>
        <source>Automatic (cores / threads per run)</source>
        <translation>自动（核心数 / 每个运行的线程数）</translation>
    </message>
    <message>
        <source>Runs at once on this machine</source>
        <translation>本机同时运行的数量</translation>
    </message>
    <message>
        <source>Choose OpenBLAS kernels for this processor</source>
        <translation>为本处理器选择 OpenBLAS 内核</translation>
    </message>
    <message>
        <source>When OpenBLAS falls back to its generic kernels on a processor with AVX-512 or AVX2, runs restart with the matching ones after checking their results (often 2-3x faster). An OPENBLAS_CORETYPE you set yourself is always kept.</source>
        <translation>当 OpenBLAS 在支持 AVX-512 或 AVX2 的处理器上退回通用内核时，运行会在校验结果后改用匹配的内核重新启动（通常快 2-3 倍）。您自己设置的 OPENBLAS_CORETYPE 始终保留。</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::StoreWatcher</name>
    <message>
        <source> · rank %1</source>
        <translation> · 进程 %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>失联</translation>
    </message>
    <message>
        <source>rank %1: %2, step %3</source>
        <translation>进程 %1：%2，第 %3 步</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::SweepActions</name>
    <message>
        <source>Cannot run the sweep</source>
        <translation>无法运行该超参数搜索</translation>
    </message>
    <message>
        <source>Sweep %1 is running</source>
        <translation>超参数搜索 %1 正在运行</translation>
    </message>
    <message>
        <source>Cannot stop the sweep</source>
        <translation>无法停止该超参数搜索</translation>
    </message>
    <message>
        <source>Sweep %1 is stopping</source>
        <translation>超参数搜索 %1 正在停止</translation>
    </message>
    <message>
        <source>New sweep from file…</source>
        <translation>从文件新建搜索…</translation>
    </message>
    <message>
        <source>Record a sweep from a search space file (sweeps/&lt;name&gt;.yaml in the project)</source>
        <translation>根据搜索空间文件（项目中的 sweeps/&lt;name&gt;.yaml）记录一个超参数搜索</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the sweep's trials on this machine until its budget is spent; the sweep keeps running when Seekbench closes</source>
        <translation>在本机运行该搜索的试验，直到用完预算；关闭 Seekbench 后搜索仍会继续运行</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the stopped sweep: its stopped trials resume from their checkpoints</source>
        <translation>继续已停止的搜索：已停止的试验从各自的检查点恢复</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the sweep and its running trials (each writes a checkpoint; Resume continues)</source>
        <translation>停止该搜索及其正在运行的试验（每个试验都会写入检查点；可用“继续”恢复）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the sweep's trials, their params and values as a CSV file</source>
        <translation>将该搜索的试验及其参数和目标值保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Open trial's run</source>
        <translation>打开试验的运行</translation>
    </message>
    <message>
        <source>Show the selected trial's run in the Runs mode</source>
        <translation>在“运行”模式中显示所选试验的运行</translation>
    </message>
    <message>
        <source>New sweep from a search space file</source>
        <translation>从搜索空间文件新建搜索</translation>
    </message>
    <message>
        <source>Search spaces (*.yaml *.yml)</source>
        <translation>搜索空间 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cannot create the sweep</source>
        <translation>无法创建该超参数搜索</translation>
    </message>
    <message>
        <source>Sweep %1 created</source>
        <translation>已创建超参数搜索 %1</translation>
    </message>
    <message>
        <source>Export the trials</source>
        <translation>导出试验</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export the trials</source>
        <translation>无法导出试验</translation>
    </message>
    <message>
        <source>Trials saved to %1</source>
        <translation>试验已保存到 %1</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>报告…</translation>
    </message>
    <message>
        <source>Cannot write the sweep's report</source>
        <translation>无法写入超参数搜索报告</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
    <message>
        <source>Write a report on the sweep, with a live preview: best trials, best so far, parallel coordinates, parameter importance and how to recreate the sweep, as PDF or HTML</source>
        <translation>撰写扫参报告并实时预览：最佳试验、迄今最佳、平行坐标、参数重要性以及如何重新创建该扫参，保存为 PDF 或 HTML</translation>
    </message>
    <message>
        <source>Cannot open the sweep's report: %1</source>
        <translation>无法打开扫参报告：%1</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::SweepCharts</name>
    <message>
        <source>Parallel coordinates</source>
        <translation>平行坐标</translation>
    </message>
    <message>
        <source>Drag along an axis to select a range: the trial table shows only the trials in every range. Click an axis outside its range or press Esc to clear.</source>
        <translation>沿坐标轴拖动以选择范围：试验表只显示落在所有范围内的试验。在范围之外单击坐标轴或按 Esc 可清除。</translation>
    </message>
    <message>
        <source>Best so far</source>
        <translation>历史最优</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Contour</source>
        <translation>等高线</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>帕累托</translation>
    </message>
    <message>
        <source>&amp;Parameter:</source>
        <translation>参数(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;X:</source>
        <translation>横轴(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Y:</source>
        <translation>纵轴(&amp;Y)：</translation>
    </message>
    <message>
        <source>No sweep selected.</source>
        <translation>未选择超参数搜索。</translation>
    </message>
    <message>
        <source>Parameter importance needs at least %1 complete trials; this sweep has %2.</source>
        <translation>参数重要性至少需要 %1 个已完成的试验；该搜索目前有 %2 个。</translation>
    </message>
    <message>
        <source>Computing the parameters' importance…</source>
        <translation>正在计算参数重要性…</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::SweepListModel</name>
    <message>
        <source>invalid space</source>
        <translation>搜索空间无效</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>超参数搜索</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最优值</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::SweepView</name>
    <message>
        <source>%1 trials: %2 complete, %3 pruned, %4 failed, %5 infeasible, %6 running</source>
        <translation>共 %1 个试验：已完成 %2，已剪枝 %3，失败 %4，不可行 %5，运行中 %6</translation>
    </message>
    <message>
        <source>best %1</source>
        <translation>最优 %1</translation>
    </message>
    <message>
        <source>showing %1 in the selected ranges (Esc in the chart clears them)</source>
        <translation>所选范围内显示 %1 个（在图表中按 Esc 可清除范围）</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::SweepsMode</name>
    <message>
        <source>Sweeps</source>
        <translation>超参数搜索</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>Open a project to see its hyperparameter sweeps.</source>
        <translation>打开一个项目以查看其超参数搜索。</translation>
    </message>
    <message>
        <source>No sweeps yet</source>
        <translation>尚无超参数搜索</translation>
    </message>
    <message>
        <source>A sweep searches a run's hyperparameters. Write a search space in the project's sweeps/&lt;name&gt;.yaml file, then choose New sweep from file…</source>
        <translation>超参数搜索用于寻找一次运行的最佳超参数。请在项目的 sweeps/&lt;name&gt;.yaml 文件中编写搜索空间，然后选择“从文件新建搜索…”。</translation>
    </message>
    <message>
        <source>Cannot read the project's sweeps: %1</source>
        <translation>无法读取项目的超参数搜索：%1</translation>
    </message>
    <message>
        <source>Cannot create the sweep</source>
        <translation>无法创建该超参数搜索</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::SystemChartProvider</name>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>CUDA allocated (MiB)</source>
        <translation>CUDA 已分配（MiB）</translation>
    </message>
    <message>
        <source>CUDA reserved (MiB)</source>
        <translation>CUDA 已保留（MiB）</translation>
    </message>
    <message>
        <source>CUDA peak (MiB)</source>
        <translation>CUDA 峰值（MiB）</translation>
    </message>
    <message>
        <source>GPU %1 used (MiB)</source>
        <translation>GPU %1 已用（MiB）</translation>
    </message>
    <message>
        <source>%1 · rank %2</source>
        <translation>%1 · 进程 %2</translation>
    </message>
    <message>
        <source>Process RSS (MiB)</source>
        <translation>进程 RSS（MiB）</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::TrialTableModel</name>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>pruned</source>
        <translation>已剪枝</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>infeasible</source>
        <translation>不可行</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>代价</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>seekbench::ui::TuneDialog</name>
    <message>
        <source>Tune this run</source>
        <translation>调优此运行</translation>
    </message>
    <message>
        <source>A sweep over the hyperparameters of run “%1”: tick the keys to vary, check their ranges, then create it. Every trial starts from this run's config.</source>
        <translation>针对运行“%1”超参数的超参数搜索：勾选要变化的键，检查其范围，然后创建。每个试验都从此运行的配置开始。</translation>
    </message>
    <message>
        <source>minimise</source>
        <translation>最小化</translation>
    </message>
    <message>
        <source>maximise</source>
        <translation>最大化</translation>
    </message>
    <message>
        <source>at the run's end</source>
        <translation>取运行结束时的值</translation>
    </message>
    <message>
        <source>its best during the run</source>
        <translation>取运行期间的最佳值</translation>
    </message>
    <message>
        <source>TPE (Bayesian)</source>
        <translation>TPE（贝叶斯）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>ASHA (successive halving)</source>
        <translation>ASHA（逐次减半）</translation>
    </message>
    <message>
        <source>Sweep name:</source>
        <translation>搜索名称：</translation>
    </message>
    <message>
        <source>Objective:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>trials:</source>
        <translation>试验数：</translation>
    </message>
    <message>
        <source>at once:</source>
        <translation>同时运行：</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <source>Early stopping:</source>
        <translation>提前停止：</translation>
    </message>
    <message>
        <source>Filter keys…</source>
        <translation>筛选键…</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>This run</source>
        <translation>此运行</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Low / choices</source>
        <translation>下限 / 可选值</translation>
    </message>
    <message>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Grid points</source>
        <translation>网格点</translation>
    </message>
    <message>
        <source>Create sweep</source>
        <translation>创建超参数搜索</translation>
    </message>
    <message>
        <source>Create and run</source>
        <translation>创建并运行</translation>
    </message>
    <message>
        <source>log-uniform</source>
        <translation>对数均匀</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>integer, log scale</source>
        <translation>整数，对数刻度</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>choices</source>
        <translation>可选值</translation>
    </message>
    <message>
        <source>The sweep's name may hold letters, digits, '.', '_' and '-', and starts with a letter or a digit.</source>
        <translation>搜索名称只能包含字母、数字、“.”、“_”和“-”，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>A sweep file named %1 already exists in the project.</source>
        <translation>项目中已存在名为 %1 的搜索文件。</translation>
    </message>
    <message>
        <source>Each range needs two numbers; grid points are numbers separated by commas (for continuous keys only).</source>
        <translation>每个范围需要两个数字；网格点是以逗号分隔的数字（仅用于连续型键）。</translation>
    </message>
    <message>
        <source>A grid needs grid points for every uniform and log-uniform key.</source>
        <translation>网格搜索要求每个均匀和对数均匀的键都给出网格点。</translation>
    </message>
    <message numerus="yes">
        <source>A grid of %n point(s); the budget runs %1 of them.</source>
        <translation><numerusform>网格共 %n 个点；预算运行其中 %1 个。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>A budget of %n trial(s).</source>
        <translation><numerusform>预算为 %n 个试验。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n at once.</source>
        <translation><numerusform>同时运行 %n 个。</numerusform></translation>
    </message>
    <message>
        <source>About %1 in all, at this run's %2 per trial (less with early stopping).</source>
        <translation>按此运行每个试验 %2 计，共约 %1（启用提前停止会更少）。</translation>
    </message>
    <message>
        <source>No wall-time estimate: this run has not finished.</source>
        <translation>无法估计耗时：此运行尚未完成。</translation>
    </message>
    <message>
        <source>The config snapshot of run %1 cannot be read.</source>
        <translation>无法读取运行 %1 的配置快照。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::ActivityChart</name>
    <message>
        <source>in (+) / out (−) per day</source>
        <translation>每日收入 (+) / 支出 (−)</translation>
    </message>
    <message>
        <source>received</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>付款</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::AttentionHeatmap</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Inferno</source>
        <translation>Inferno</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>热度</translation>
    </message>
    <message>
        <source>Greys</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>No sample</source>
        <translation>没有样本</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::ContourPlot</name>
    <message>
        <source>objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>trials</source>
        <translation>试验</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::EgoGraphView</name>
    <message>
        <source>No transfers to show</source>
        <translation>没有可显示的转账</translation>
    </message>
    <message>
        <source>Laying out the graph…</source>
        <translation>正在布局关系图…</translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan · double-click: fit</source>
        <translation>滚轮：缩放 · 拖动：平移 · 双击：适应窗口</translation>
    </message>
    <message>
        <source>traced chain</source>
        <translation>追踪到的资金链</translation>
    </message>
    <message>
        <source>this account</source>
        <translation>本案账户</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>group of accounts</source>
        <translation>账户组</translation>
    </message>
    <message>
        <source>Fit the graph</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole graph (or double-click it)</source>
        <translation>显示整个关系图（或双击关系图）</translation>
    </message>
    <message>
        <source>Flagged senders: %1</source>
        <translation>已标记的付款方：%1</translation>
    </message>
    <message>
        <source>Senders: %1</source>
        <translation>付款方：%1</translation>
    </message>
    <message>
        <source>Flagged receivers: %1</source>
        <translation>已标记的收款方：%1</translation>
    </message>
    <message>
        <source>Receivers: %1</source>
        <translation>收款方：%1</translation>
    </message>
    <message>
        <source>Flagged, both ways: %1</source>
        <translation>已标记的双向账户：%1</translation>
    </message>
    <message>
        <source>Both ways: %1</source>
        <translation>双向账户：%1</translation>
    </message>
    <message>
        <source>hop %1</source>
        <translation>第 %1 跳</translation>
    </message>
    <message>
        <source>The case's account</source>
        <translation>本案账户</translation>
    </message>
    <message>
        <source>Hops from the case's account: %1</source>
        <translation>与本案账户相距的跳数：%1</translation>
    </message>
    <message>
        <source>Flagged: labelled as laundering</source>
        <translation>已标记：标注为洗钱</translation>
    </message>
    <message>
        <source>On a traced chain</source>
        <translation>位于追踪到的资金链上</translation>
    </message>
    <message>
        <source>%1 of %2 have transfers up to this time</source>
        <translation>截至此时，%2 个中有 %1 个有转账</translation>
    </message>
    <message>
        <source>They send money to accounts nearer the case's account.</source>
        <translation>它们向更靠近本案账户的账户付款。</translation>
    </message>
    <message>
        <source>They receive money from accounts nearer the case's account.</source>
        <translation>它们从更靠近本案账户的账户收款。</translation>
    </message>
    <message>
        <source>They send to and receive from accounts nearer the case's account.</source>
        <translation>它们与更靠近本案账户的账户之间既有付款也有收款。</translation>
    </message>
    <message>
        <source>Transfers among themselves: %1</source>
        <translation>彼此之间的转账：%1</translation>
    </message>
    <message>
        <source>Accounts: %1</source>
        <translation>账户：%1</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 等另外 %1 个</translation>
    </message>
    <message>
        <source>Transfers sent: %1 (%2 in total)</source>
        <translation>付出的转账：%1（共 %2）</translation>
    </message>
    <message>
        <source>Transfers received: %1 (%2 in total)</source>
        <translation>收到的转账：%1（共 %2）</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::GateChart</name>
    <message>
        <source>text gate weight
(image = 1 − text)</source>
        <translation>文本门控权重
（图像 = 1 − 文本）</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::GraphExplorerView</name>
    <message numerus="yes">
        <source>%1 (%2), %n relation(s)</source>
        <translation><numerusform>%1（%2），%n 个关系</numerusform></translation>
    </message>
    <message>
        <source>Candidate concept: not linked to the ontology</source>
        <translation>候选概念：未链接到本体</translation>
    </message>
    <message>
        <source>%1 %2 %3, confidence %4</source>
        <translation>%1 %2 %3，置信度 %4</translation>
    </message>
    <message>
        <source>Contradicted: flagged for review</source>
        <translation>存在矛盾：已标记待审核</translation>
    </message>
    <message>
        <source>Candidate (not in the ontology)</source>
        <translation>候选（不在本体中）</translation>
    </message>
    <message>
        <source>Contradicted</source>
        <translation>存在矛盾</translation>
    </message>
    <message>
        <source>No graph to show</source>
        <translation>没有可显示的图谱</translation>
    </message>
    <message>
        <source>Knowledge graph</source>
        <translation>知识图谱</translation>
    </message>
    <message>
        <source>Disease</source>
        <translation>疾病</translation>
    </message>
    <message>
        <source>Symptom</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Gene</source>
        <translation>基因</translation>
    </message>
    <message>
        <source>Drug</source>
        <translation>药物</translation>
    </message>
    <message>
        <source>Lab test</source>
        <translation>检验项目</translation>
    </message>
    <message>
        <source>Concept</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>Has symptom</source>
        <translation>有症状</translation>
    </message>
    <message>
        <source>Caused by</source>
        <translation>由……引起</translation>
    </message>
    <message>
        <source>Treats</source>
        <translation>治疗</translation>
    </message>
    <message>
        <source>Contraindicated for</source>
        <translation>禁用于</translation>
    </message>
    <message>
        <source>Diagnosed by</source>
        <translation>通过……诊断</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>相关</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::ImportanceChart</name>
    <message>
        <source>No importances yet</source>
        <translation>尚无重要性数据</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::LivePlot</name>
    <message>
        <source>Smoothing %1</source>
        <translation>平滑 %1</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>时钟时间</translation>
    </message>
    <message>
        <source>Relative time (s)</source>
        <translation>相对时间（秒）</translation>
    </message>
    <message>
        <source>Box zoom</source>
        <translation>框选缩放</translation>
    </message>
    <message>
        <source>Drag a rectangle to zoom; double-click resets the view</source>
        <translation>拖出矩形进行缩放；双击恢复视图</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>图片（PNG）…</translation>
    </message>
    <message>
        <source>Vector image (SVG)…</source>
        <translation>矢量图（SVG）…</translation>
    </message>
    <message>
        <source>Data (CSV)…</source>
        <translation>数据（CSV）…</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>wall time</source>
        <translation>时钟时间</translation>
    </message>
    <message>
        <source>seconds since start</source>
        <translation>开始后的秒数</translation>
    </message>
    <message>
        <source>%1 @ step %2: mean %3 (min %4, max %5)</source>
        <translation>%1 @ 第 %2 步：均值 %3（最小 %4，最大 %5）</translation>
    </message>
    <message>
        <source>%1 @ step %2: %3</source>
        <translation>%1 @ 第 %2 步：%3</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::ParallelCoordinatesPlot</name>
    <message>
        <source>No trials yet</source>
        <translation>尚无试验</translation>
    </message>
    <message>
        <source>objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>(minimise)</source>
        <translation>（最小化）</translation>
    </message>
    <message>
        <source>(maximise)</source>
        <translation>（最大化）</translation>
    </message>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Trial %1</source>
        <translation>试验 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>未启用</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::PlotMarks</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>no reading</source>
        <translation>无读数</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::SweepScatterPlot</name>
    <message>
        <source>pruned</source>
        <translation>已剪枝</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>infeasible</source>
        <translation>不可行</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>best so far</source>
        <translation>迄今最佳</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::ThresholdCurveView</name>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>false-positive rate</source>
        <translation>误报率</translation>
    </message>
    <message>
        <source>alert threshold (score)</source>
        <translation>警报阈值（评分）</translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::TrialCurvesPlot</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
</context>
</TS>