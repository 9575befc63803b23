import { defineMessages } from '../../define';

/** The Recommendations page's federated-learning comparison (simulated federated ALS against centralised ALS). */
export const federatedMessages = defineMessages(
  {
    title: 'Federated learning (simulated)',
    what: 'Federated ALS trains the same model as ALS without collecting behaviour in one place: each customer is a simulated device that keeps its own history and taste vector, solves that vector itself and sends only updates of the product factors, which the server adds up. With ε, each update is clipped and noise is added, so the whole training is (ε, δ)-differentially private for every customer.',
    proves:
      "What it proves: how much accuracy the protocol — and, with ε, the privacy noise — costs on this shop's own data, with the same model settings and the same holdout as centralised ALS.",
    notProves:
      'What it does not prove: this is a simulation on this server, not a deployment. The histories are still in this database, the devices are not real (no drop-outs, no secure aggregation), the clipping norm was chosen by hand, and ε covers one training (the holdout evaluation trains once more on most of the same data).',
    serving:
      'A federated run may be served: it scores with the same fold-in a device would run. Served from the server, though, every list is computed from the stored histories, so it protects nobody — the privacy holds only where devices score for themselves.',
    empty: 'No federated run yet. Choose "Federated ALS" (with its ε) beside ALS under Train models.',
    noBaseline: 'No centralised ALS run on the same data and holdout yet: train ALS with the same options to compare.',
    setup:
      '{customers} simulated devices, all in every round · holdout: {split} · hits: {relevance} · each device downloads as much as it sends',
    centralised: 'ALS (centralised)',
    federatedRun: 'Federated ALS v{version}',
    noNoise: 'no noise',
    privacy: 'ε = {epsilon}, δ = {delta}, noise × {noise}',
    rounds: 'Rounds',
    sent: 'Sent per device',
    share: 'NDCG vs ALS',
    servingBadge: 'Serving',
    epsilonLabel: 'Federated ALS: privacy',
    epsilonOption: { none: 'No noise', '8': 'ε = 8', '4': 'ε = 4', '1': 'ε = 1 (strongest)' },
    epsilonHelp: "δ is the shop's differential-privacy setting (Settings → Privacy; 10⁻⁶ unless changed).",
    serveConfirm:
      'Serve Federated ALS v{version} from the server? It scores with the same fold-in as a device, but served here it uses the stored histories, so the federated privacy does not apply.',
  },
  {
    title: '联邦学习（模拟）',
    what: '联邦 ALS 训练与 ALS 相同的模型，但不把行为数据集中到一处：每位顾客是一台模拟设备，只保存自己的历史和偏好向量，自行求解该向量，只发送商品因子的更新，由服务器汇总。选择 ε 时，每个更新都会被裁剪并加入噪声，使整个训练对每位顾客满足 (ε, δ) 差分隐私。',
    proves:
      '它能证明：在本店自己的数据上，使用与集中式 ALS 相同的模型设置和相同的留出集，该协议（以及选择 ε 时的隐私噪声）会损失多少准确度。',
    notProves:
      '它不能证明：这是在本服务器上的模拟，不是真实部署。历史数据仍在本数据库中，设备并非真实设备（没有掉线，没有安全聚合），裁剪范数是手动选定的，且 ε 只涵盖一次训练（留出集评估会在大部分相同数据上再训练一次）。',
    serving:
      '联邦模型可以上线：它与设备使用相同的折叠求解（fold-in）打分。但从服务器上线时，每个推荐列表都由已存储的历史计算，因此不保护任何人——只有由设备自行打分时隐私才成立。',
    empty: '尚无联邦模型。请在“训练模型”中勾选“联邦 ALS”（并选择 ε），与 ALS 一起训练。',
    noBaseline: '尚无在相同数据和留出集上训练的集中式 ALS：请用相同选项训练 ALS 以便比较。',
    setup: '{customers} 台模拟设备，每轮全部参与 · 留出方式：{split} · 命中：{relevance} · 每台设备下载量与发送量相同',
    centralised: 'ALS（集中式）',
    federatedRun: '联邦 ALS 第 {version} 版',
    noNoise: '无噪声',
    privacy: 'ε = {epsilon}，δ = {delta}，噪声倍数 {noise}',
    rounds: '轮数',
    sent: '每台设备发送',
    share: 'NDCG 相对 ALS',
    servingBadge: '线上',
    epsilonLabel: '联邦 ALS：隐私',
    epsilonOption: { none: '无噪声', '8': 'ε = 8', '4': 'ε = 4', '1': 'ε = 1（最强）' },
    epsilonHelp: 'δ 取本店的差分隐私设置（设置 → 隐私；默认 10⁻⁶）。',
    serveConfirm:
      '要从服务器上线联邦 ALS 第 {version} 版吗？它与设备使用相同的折叠求解打分，但在服务器上线时使用已存储的历史，联邦隐私不再适用。',
  },
);
